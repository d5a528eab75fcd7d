"""The documents the workshops fill: beslutsunderlag, handlingsplan, modell, budget, …"""
