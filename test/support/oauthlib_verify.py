"""Verifies OAuth 1.0a signed requests with oauthlib, an implementation independent of ours.

Reads a JSON array of requests on stdin, each
  {"uri", "method", "headers", "body", "secret", "allowed_methods"}
and prints a JSON array of {"valid": bool} in the same order. One validator state is shared by
the batch, so a nonce seen earlier in the batch is rejected as a replay.

Needs Debian's python3-oauthlib: run it as /usr/bin/python3. Exits with status 3 and a message
on stderr when oauthlib is missing, so the calling test can say what to install.
"""

import json
import sys

try:
    from oauthlib.oauth1 import RequestValidator
    from oauthlib.oauth1.rfc5849.endpoints import SignatureOnlyEndpoint
except ImportError as error:
    print(f"oauthlib is not installed for {sys.executable} ({error}); "
          "install it with: apt-get install python3-oauthlib", file=sys.stderr)
    sys.exit(3)


class TestPeerValidator(RequestValidator):
    """A one-client validator for a local test peer (oneroster-research.md section F)."""

    def __init__(self, secret, allowed_methods, seen_nonces):
        super().__init__()
        self._secret = secret
        self._allowed = tuple(allowed_methods)
        self._seen = seen_nonces

    # http:// test URLs would otherwise be refused before the signature is checked.
    enforce_ssl = False

    @property
    def allowed_signature_methods(self):
        return self._allowed

    # The defaults demand 20-30 characters from a narrow set: a 32-hex nonce or an
    # "InfiniteCampus_..." key would be refused for their shape, not their signature.
    def check_client_key(self, client_key):
        return bool(client_key)

    def check_nonce(self, nonce):
        return bool(nonce)

    @property
    def dummy_client(self):
        return "dummy-client"

    def validate_client_key(self, client_key, request):
        return True

    def get_client_secret(self, client_key, request):
        return self._secret

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        # oauthlib has already checked the timestamp is within timestamp_lifetime (600 s).
        key = (client_key, timestamp, nonce)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


def main():
    requests = json.load(sys.stdin)
    seen_nonces = set()
    results = []
    for item in requests:
        validator = TestPeerValidator(item["secret"], item["allowed_methods"], seen_nonces)
        valid, _ = SignatureOnlyEndpoint(validator).validate_request(
            item["uri"], item["method"], item.get("body"), item.get("headers") or {})
        results.append({"valid": bool(valid)})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
