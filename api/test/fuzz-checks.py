"""A check of the api's fuzzing test (api/test/fuzz.test.ts) beyond schemathesis's own, loaded through
SCHEMATHESIS_HOOKS: every error leaves the api as RFC 9457 problem+json, whatever the OpenAPI document says."""

import json

import schemathesis


@schemathesis.check
def errors_are_problem_json(ctx, response, case):
    if response.status_code < 400:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    if not content_type.startswith("application/problem+json"):
        raise AssertionError(f"a {response.status_code} answered {content_type or 'no content type'}, not problem+json")
    problem = json.loads(response.content)
    if problem.get("status") != response.status_code:
        raise AssertionError(f"a {response.status_code} whose problem says status {problem.get('status')!r}")
    return None
