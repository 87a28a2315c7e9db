#!/usr/bin/python3
"""Write the benchmark inputs: one Keystone-format rule set and N assertions (seeded).

Usage: bench_inputs.py OUT_DIR [N]
  OUT_DIR/rules.json       rule set using every condition kind, placeholders and merging
  OUT_DIR/assertions.jsonl one JSON object of string attributes per line
"""
import json
import os
import random
import sys

RULES = {
    "rules": [
        {"remote": [{"type": "REMOTE_USER"}, {"type": "OIDC-email"}],
         "local": [{"user": {"name": "{0}", "email": "{1}", "type": "ephemeral"}}]},
        {"remote": [{"type": "OIDC-groups", "any_one_of": ["admins", "platform"]}],
         "local": [{"group": {"id": "0cd5e9"}},
                   {"projects": [{"name": "ops", "roles": [{"name": "admin"}, {"name": "member"}]}]}]},
        {"remote": [{"type": "OIDC-groups", "whitelist": ["^team-.*$"], "regex": True}],
         "local": [{"groups": "{0}", "domain": {"name": "federated"}}]},
        {"remote": [{"type": "OIDC-groups", "blacklist": ["admins", "banned"]},
                    {"type": "OIDC-org", "not_any_of": ["guest"]}],
         "local": [{"group_ids": "{0}"}]},
        {"remote": [{"type": "REMOTE_USER"}, {"type": "OIDC-org", "any_one_of": ["^(acme|globex)$"], "regex": True}],
         "local": [{"projects": [{"name": "home-{0}", "roles": [{"name": "member"}]}]}]},
        {"remote": [{"type": "OIDC-groups", "any_one_of": ["banned"]}],
         "local": [{"group": {"name": "quarantine", "domain": {"id": "default"}}}]},
    ]
}

GROUPS = ["admins", "platform", "team-web", "team-data", "team-ml", "banned", "staff", "users"]
ORGS = ["acme", "globex", "initech", "guest"]


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rng = random.Random(2024)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "rules.json"), "w") as f:
        json.dump(RULES, f, indent=1)
    with open(os.path.join(out, "assertions.jsonl"), "w") as f:
        for i in range(n):
            assertion = {
                "REMOTE_USER": f"user{i}",
                "OIDC-email": f"user{i}@example.org",
                "OIDC-groups": ";".join(rng.sample(GROUPS, rng.randint(1, 4))),
            }
            if rng.random() < 0.8:
                assertion["OIDC-org"] = rng.choice(ORGS)
            f.write(json.dumps(assertion) + "\n")


if __name__ == "__main__":
    main()
