"""The live room: joining, answers, the timer, and the control, projector and participant views."""
