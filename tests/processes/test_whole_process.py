"""One process that every feature has touched: backed up, restored and deleted as a whole."""

from sqlmodel import select

from tests.helpers.backups import as_file, normalised
from tests.helpers.worked_process import build_trampolinen
from toolkit.accounts import users
from toolkit.circles import changes
from toolkit.kinds import casepaths, surveys, voting
from toolkit.models import Insats, User
from toolkit.processes import backup, retention
from toolkit.processes import data as processes
from toolkit.room import joining, steering
from toolkit.vignettes import grouping


def everything(app, db):
    """The Trampolinen process with documents, circles, votes, case paths, a survey and groups."""
    content = app.extensions["toolkit.content"]
    owner = users.create_user(db, "lea", "langt-losenord")
    process = build_trampolinen(db, content, owner)
    organisations = processes.organisations_of(db, process)
    anna = joining.join(db, process, organisations[0].id, "Anna")
    bo = joining.join(db, process, organisations[1].id, "Bo")

    one = changes.add_insats(db, process, "Elevhälsoteam", "a", participant=anna)
    two = changes.add_insats(db, process, "Elevhälsoteamet", "a", participant=bo)
    changes.move_insats(db, process, one.id, "abc")
    changes.merge_insatser(db, process, [one.id, two.id])

    workshop2 = content.workshop("workshop-2")
    vote = workshop2.exercise("ovning-4a")
    steering.start_workshop(db, process, workshop2)
    voting.cast_vote(db, content, process, workshop2, vote, anna, "flera-problem")
    voting.choose_groups(db, content, process, vote, ["flera-problem", "ledsna-nedstamda"])
    casepaths.add_step(db, process, "flera-problem", "Mentorn kontaktar elevhälsan", "Mentor")

    workshop3 = content.workshop("workshop-3")
    trial = workshop3.exercise("prova-i-praktiken")
    survey = surveys.open_survey(db, process, workshop3, trial, trial.surveys[0])
    part = trial.surveys[0]
    surveys.respond(db, survey, part, {part.questions[0].key: "Ja, det blev lättare"})

    grouping.create_groups(db, process, 2)
    grouping.assign_mixed(db, process)
    group = grouping.groups_of(db, process)[0]
    grouping.give_vignette(db, content, process, group, "01-kalle-5")
    first_question = content.vignette_questions.questions[0].key
    grouping.add_group_answer(db, content, group, anna, first_question, "På EHT")
    return process


def test_every_feature_survives_a_backup_and_restore(app, db):
    process = everything(app, db)
    original = as_file(backup.dump(db, [process.id]))
    filled = {name for name, rows in original["tables"].items() if rows}
    for table in (
        "insats",
        "insatschange",
        "targetgroupvote",
        "chosentargetgroup",
        "casepathstep",
        "survey",
        "surveyresponse",
        "vignettegroup",
        "vignettegroupmember",
        "vignetteanswer",
        "documentsection",
        "activity",
        "goal",
        "budgetline",
        "answer",
        "participant",
    ):
        assert table in filled, table
    owner = db.exec(select(User)).one()
    (copy_id,) = backup.restore(db, original, owner.id)
    copy = normalised(as_file(backup.dump(db, [copy_id])))
    expected = normalised(original)
    # Restored beside the original, the copy gets its own join code and survey link.
    for table, column in (("process", "join_code"), ("survey", "token")):
        (old,), (new,) = expected[table], copy[table]
        assert old.pop(column) != new.pop(column)
    assert copy == expected


def test_deleting_the_process_leaves_nothing_behind(app, db):
    process = everything(app, db)
    retention.delete_process(db, process)
    left = backup.dump(db, [process.id])["tables"]
    assert {name: rows for name, rows in left.items() if rows} == {}
    db.expire_all()
    assert db.exec(select(Insats)).all() == []


def test_an_insats_merged_into_a_newer_one_restores(app, db):
    process = everything(app, db)
    older = changes.add_insats(db, process, "Samtal med kurator", "b")
    newer = changes.add_insats(db, process, "Kuratorssamtal", "b")
    changes.merge_insatser(db, process, [newer.id, older.id])
    original = as_file(backup.dump(db, [process.id]))
    owner = db.exec(select(User)).one()
    (copy_id,) = backup.restore(db, original, owner.id)
    copied = {row["text"]: row for row in backup.dump(db, [copy_id])["tables"]["insats"]}
    kept = copied["Kuratorssamtal"]
    assert copied["Samtal med kurator"]["merged_into_id"] == kept["id"]
