from pathaudit.cli import run

run()
