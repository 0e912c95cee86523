"""The shared development sets (long format: series_id,t,value,split) read into memory, for the
scripts in scripts/eval: each series' train and test values, and the series in file order."""
import collections
import csv


def load(path):
    """(data, order): data[series_id] = {"train": [...], "test": [...]} of floats; order lists the
    series as they first appear in the file."""
    data = collections.defaultdict(lambda: {"train": [], "test": []})
    order = []
    for r in csv.DictReader(open(path)):
        if r["series_id"] not in data:
            order.append(r["series_id"])
        data[r["series_id"]][r["split"]].append(float(r["value"]))
    return data, order
