"""The sandbox: Rapport's real messages shown without a Slack workspace (issue 15)."""
