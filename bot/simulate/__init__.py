"""`rapport simulate`: Rapport's real due work and services over simulated weeks, against the fake Slack."""
