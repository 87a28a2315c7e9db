#!/usr/bin/python3
"""Record the mapping cases Keystone's own unit tests exercise, with Keystone's results.

Runs keystone/tests/unit/contrib/federation/test_utils.py (as shipped by Debian's
python3-keystone), or the given test modules/classes, with RuleProcessor.process and
validate_mapping_structure wrapped, so
every (rules, assertion) pair the tests feed the engine is written out together with the
outcome Keystone's real engine produced. Only calls made by tests that PASSED are kept,
so every recorded outcome is one Keystone's own assertions accepted.

Usage: /usr/bin/python3 capture_keystone_cases.py OUT.json [dotted.test.name ...]
  e.g. keystone.tests.unit.test_v3_federation.FederatedTokenTests (needs python3-webtest,
  python3-freezegun; Keystone's API tests run against an in-memory SQLite database)
"""
import copy
import json
import sys
import unittest

from keystone import exception
from keystone.federation import utils as mapping_utils
from keystone.tests.unit import mapping_fixtures
from keystone.tests.unit.contrib.federation import test_utils

calls_by_test = {}
current = {"test": None}


def fixture_name(obj):
    for name, value in vars(mapping_fixtures).items():
        if name.isupper() and value is obj:
            return name
        if name.isupper() and isinstance(value, dict) and value.get("rules") is obj:
            return name
    return None


def outcome_of_exception(e):
    if isinstance(e, exception.DirectMappingError):
        return {"outcome": "direct_mapping_error"}
    if isinstance(e, exception.ValidationError):
        if "Could not map any federated user properties" in str(e):
            return {"outcome": "no_match"}
        return {"outcome": "validation_error"}
    return {"outcome": "crash", "exception": type(e).__name__}


original_process = mapping_utils.RuleProcessor.process
original_validate = mapping_utils.validate_mapping_structure


def recording_process(self, assertion_data):
    record = {
        "kind": "process",
        "rules_fixture": fixture_name(self.rules),
        "assertion_fixture": fixture_name(assertion_data),
        "rules": copy.deepcopy(self.rules),
        # Keystone only reads str values; others (in API tests the whole WSGI environ is passed,
        # streams included) are recorded as a marker naming their Python type.
        "assertion": {k: v if isinstance(v, str) else {"$python_type": type(v).__name__}
                      for k, v in assertion_data.items()},
    }
    calls_by_test.setdefault(current["test"], []).append(record)
    try:
        result = original_process(self, assertion_data)
    except Exception as e:  # recorded, then re-raised for the test's own assertions
        record["expected"] = outcome_of_exception(e)
        raise
    result_copy = copy.deepcopy(result)
    # group_ids come from a Python set: their order is not defined, keep them sorted.
    result_copy["group_ids"] = sorted(result_copy["group_ids"], key=str)
    record["expected"] = {"outcome": "mapped", "result": result_copy}
    return result


def recording_validate(ref):
    record = {"kind": "validate", "rules_fixture": fixture_name(ref), "mapping": copy.deepcopy(ref)}
    calls_by_test.setdefault(current["test"], []).append(record)
    try:
        original_validate(ref)
    except exception.ValidationError:
        record["expected"] = {"outcome": "schema_error"}
        raise
    record["expected"] = {"outcome": "valid"}


mapping_utils.RuleProcessor.process = recording_process
mapping_utils.validate_mapping_structure = recording_validate


class RecordingResult(unittest.TextTestResult):
    def startTest(self, test):
        current["test"] = test.id()
        super().startTest(test)


def main():
    out_path = sys.argv[1]
    names = sys.argv[2:]
    if names:
        suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    else:
        suite = unittest.defaultTestLoader.loadTestsFromModule(test_utils)
    runner = unittest.TextTestRunner(resultclass=RecordingResult, verbosity=0, stream=sys.stderr)
    result = runner.run(suite)
    failed = {t.id() for t, _ in result.failures + result.errors}
    cases = []
    seen = set()
    for test_id, records in calls_by_test.items():
        if test_id in failed:
            continue
        for i, record in enumerate(records):
            if "expected" not in record:
                continue
            if record["kind"] == "process":
                # RuleProcessor only reads the attributes named by a remote "type": drop the rest
                # (API tests pass the whole WSGI environ), which cannot change the outcome.
                types = {r.get("type") for rule in record["rules"] for r in rule.get("remote", [])}
                record["assertion"] = {k: v for k, v in record["assertion"].items() if k in types}
            key = json.dumps([record["kind"], record.get("rules"), record.get("mapping"),
                              record.get("assertion"), record["expected"]], sort_keys=True, default=str)
            if key in seen:
                continue  # the same call made again by another test
            seen.add(key)
            record["id"] = f"{test_id.rsplit('.', 2)[-2]}.{test_id.rsplit('.', 1)[-1]}#{i}"
            cases.append(record)
    cases.sort(key=lambda r: r["id"])
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"tests_run": result.testsRun, "tests_failed": sorted(failed), "cases": cases},
                  f, indent=1, ensure_ascii=False, sort_keys=True,
                  # A few assertions carry non-JSON Python values (Keystone ignores non-str
                  # values); they are written as a marker object naming the Python type.
                  default=lambda o: {"$python_type": type(o).__name__})
        f.write("\n")
    print(f"{len(cases)} cases from {result.testsRun} tests, failed tests: {sorted(failed)}")


if __name__ == "__main__":
    main()
