#!/usr/bin/env python3
"""Independent oracle for the conformance run: session totals of every report in the shared corpus,
computed with Python's json, gzip and email modules (not with james-tlsrpt's reader).

Usage: python3 oracle.py ../shared/corpus > expected-totals.tsv
"""
import email
import glob
import gzip
import json
import os
import sys
from email import policy


def totals(report):
    successful = failed = 0
    for entry in report.get('policies', []):
        summary = entry.get('summary', {})
        successful += summary.get('total-successful-session-count', 0) or 0
        failed += summary.get('total-failure-session-count', 0) or 0
    return successful, failed


def load(data):
    if data[:2] == b'\x1f\x8b':
        data = gzip.decompress(data)
    return json.loads(data)


def main(root):
    print("# file (relative to the corpus)\treport-id\tsuccessful\tfailed")
    print("# computed independently with Python's json, gzip and email modules by oracle.py")
    for path in sorted(glob.glob(os.path.join(root, '*', '*'))):
        relative = os.path.relpath(path, root)
        reports = []
        if path.endswith('.eml'):
            with open(path, 'rb') as file:
                message = email.message_from_binary_file(file, policy=policy.default)
            for part in message.walk():
                filename = (part.get_filename() or '').lower()
                if part.get_content_type().startswith('application/tlsrpt') or filename.endswith(('.json', '.json.gz')):
                    reports.append(load(part.get_payload(decode=True)))
        elif path.endswith(('.json', '.json.gz')):
            with open(path, 'rb') as file:
                try:
                    reports.append(load(file.read()))
                except ValueError:
                    pass
        for report in reports:
            successful, failed = totals(report)
            print(f"{relative}\t{report.get('report-id')}\t{successful}\t{failed}")


if __name__ == '__main__':
    main(sys.argv[1])
