"""The publication stage: what the public may see at one moment (the one rule), where every action stands then,
and the indexes worked out once from that public view (the public site, the register of recommendations)."""
