#!/usr/bin/python3
"""Drive Keystone's real mapping engine (Debian's python3-keystone) for many cases in one process.

Reads JSON lines on stdin, writes one JSON line per request on stdout:
  {"id": ..., "op": "process", "mapping": {...}, "assertion": {"KEY": "value", ...}}
      -> validate_mapping_structure + RuleProcessor.process, exactly as
         `keystone-manage mapping_engine` does (no server, no database)
      <- {"id", "outcome": "mapped"|"no_match"|"direct_mapping_error"|"validation_error"
                            |"schema_error"|"crash", "result"?, "message"?}
  {"id": ..., "op": "validate", "mapping": {...}}
      <- {"id", "outcome": "valid"|"schema_error", "message"?}
  {"id": ..., "op": "literals", "lists": [[str, ...], ...], "texts": [str, ...]}
      <- {"id", "outcome": "literals", "reprs": [str(list), ...],
          "evals": [list of str | "non-string list" | null (not a list literal), ...]}
  {"id": ..., "op": "bench", "mapping": {...}, "assertions": [{...}, ...], "rounds": N}
      <- {"id", "outcome": "bench", "evaluations": n, "seconds": s, "cpu_seconds": c}
         (time spent in RuleProcessor.process only; start-up excluded)
group_ids come from a Python set in Keystone, so they are returned sorted.
"""
import json
import logging
import sys
import time

# Keystone logs a warning for every unmatched assertion; keep stdout/stderr quiet.
logging.disable(logging.CRITICAL)

import keystone.conf  # noqa: E402
from keystone import exception  # noqa: E402
from keystone.federation import utils as mapping_utils  # noqa: E402


def classify(e):
    if isinstance(e, exception.DirectMappingError):
        return {"outcome": "direct_mapping_error", "message": str(e)}
    if isinstance(e, exception.ValidationError):
        if "Could not map any federated user properties" in str(e):
            return {"outcome": "no_match"}
        return {"outcome": "validation_error", "message": str(e)}
    return {"outcome": "crash", "message": f"{type(e).__name__}: {e}"}


def process(request):
    mapping = request["mapping"]
    try:
        mapping_utils.validate_mapping_structure(mapping)
    except exception.ValidationError as e:
        return {"outcome": "schema_error", "message": str(e)}
    try:
        rp = mapping_utils.RuleProcessor("driver", mapping["rules"])
        result = rp.process(request["assertion"])
    except Exception as e:  # every failure is reported, never fatal for the batch
        return classify(e)
    result["group_ids"] = sorted(result["group_ids"], key=str)
    return {"outcome": "mapped", "result": result}


def validate(request):
    try:
        mapping_utils.validate_mapping_structure(request["mapping"])
    except exception.ValidationError as e:
        return {"outcome": "schema_error", "message": str(e)}
    return {"outcome": "valid"}


def bench(request):
    mapping = request["mapping"]
    mapping_utils.validate_mapping_structure(mapping)
    assertions = request["assertions"]
    rounds = int(request.get("rounds", 1))
    rp = mapping_utils.RuleProcessor("bench", mapping["rules"])
    count = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    for _ in range(rounds):
        for assertion in assertions:
            try:
                rp.process(assertion)
            except exception.ValidationError:
                pass
            count += 1
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    return {"outcome": "bench", "evaluations": count, "seconds": seconds, "cpu_seconds": cpu_seconds}


def python_literals(request):
    """str() of a list of str (how Keystone formats a multi-valued direct map) and
    Keystone's _ast_literal_eval of each text (a list literal gives its items)."""
    import ast
    reprs = [str(values) for values in request.get("lists", [])]
    evals = []
    for text in request.get("texts", []):
        try:
            value = ast.literal_eval(text)
            evals.append(value if isinstance(value, list) and all(isinstance(v, str) for v in value)
                         else ("non-string list" if isinstance(value, list) else None))
        except (ValueError, SyntaxError):
            evals.append(None)
    return {"outcome": "literals", "reprs": reprs, "evals": evals}


OPS = {"process": process, "validate": validate, "bench": bench, "literals": python_literals}


def main():
    # Keystone's exceptions read [DEFAULT] insecure_debug; load options with no config file,
    # as `keystone-manage` does when no keystone.conf is present.
    keystone.conf.configure()
    keystone.conf.CONF(args=[], project="keystone", default_config_files=[])
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        response = OPS[request["op"]](request)
        response["id"] = request.get("id")
        sys.stdout.write(json.dumps(response, ensure_ascii=False, default=str) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
