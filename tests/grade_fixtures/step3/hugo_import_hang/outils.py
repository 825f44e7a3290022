"""Module d'outils (en cours) : l'import ne rend jamais la main."""
import time

while True:
    time.sleep(0.5)
