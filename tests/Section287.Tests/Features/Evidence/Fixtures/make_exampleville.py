#!/usr/bin/env python3
"""Writes exampleville_stops.csv: a SYNTHETIC stop file in OPP's schema for a fictional city, made to exercise what the
real files do not: search_basis (OPP's discretionary-search filter), contraband with NA and without a search, a city the
outcome test keeps (>= 3 districts with >= 50 searches of each race), an NA-heavy second subgeography column, 'NULL'
and 'unknown' values, pedestrian stops, stops outside 2011-2018, a sparse month, a month with race mostly unrecorded,
times in several spellings and some that are not times, and flags spelled True/False/1/0. Fixed seed: the file is
reproducible. Its expected results come from the R reference (see README.md beside it)."""
import csv, random, datetime, math

rng = random.Random(287)
rows = []
def add(date, time, race, typ, district, beat, searched, basis, contraband):
    rows.append([len(rows) + 1, date, time, race, typ, district, beat, searched, basis, contraband])

def flag(v, style):
    if v is None: return "NA"
    return {0: ("TRUE", "FALSE"), 1: ("True", "False"), 2: ("1", "0")}[style][0 if v else 1]

races = ["white"] * 40 + ["black"] * 35 + ["hispanic"] * 15 + ["asian/pacific islander"] * 4 + ["other"] * 2 + ["unknown"] * 2 + [None] * 2
districts = ["A", "B", "C", "D", "E"]
start = datetime.date(2013, 1, 1)
for day in range(730):
    date = start + datetime.timedelta(days=day)
    for _ in range(rng.randint(25, 40)):
        race = rng.choice(races)
        minute = rng.randint(0, 1439)
        # later in the evening, slightly more black drivers among stops (so the veil of darkness has something to find)
        if race == "white" and 1080 <= minute <= 1320 and rng.random() < 0.12: race = "black"
        t = rng.random()
        if t < 0.01: time = "25:10"
        elif t < 0.02: time = ""
        elif t < 0.10: time = f"{minute // 60}:{minute % 60:02d}"
        else: time = f"{minute // 60:02d}:{minute % 60:02d}:{rng.randint(0, 59):02d}"
        typ = "pedestrian" if rng.random() < 0.05 else "vehicular"
        district = rng.choice(districts) if rng.random() > 0.06 else ("NULL" if rng.random() < 0.3 else "NA")
        if district == "E" and rng.random() < 0.7: district = rng.choice(districts[:4])
        beat = f"{district}{rng.randint(1, 3)}" if rng.random() > 0.4 and district not in ("NA", "NULL") else "NA"
        rate = {"white": 0.10, "black": 0.16, "hispanic": 0.20}.get(race, 0.08)
        searched = rng.random() < rate
        if rng.random() < 0.01: searched = None
        basis = "NA"
        if searched:
            b = rng.random()
            basis = ("consent" if b < 0.3 else "probable cause" if b < 0.55 else "plain view" if b < 0.62 else "k9" if b < 0.66
                     else "other" if b < 0.80 else "NA")
        hit = {"white": 0.32, "black": 0.24, "hispanic": 0.2}.get(race, 0.25)
        contraband = (rng.random() < hit) if searched else (None if rng.random() < 0.5 else False)
        if not searched and rng.random() < 0.003: contraband = True
        if searched and rng.random() < 0.02: contraband = None
        style = rng.randint(0, 2)
        add(date.isoformat(), time, race if race else "NA", typ, district, beat, flag(searched, style), basis, flag(contraband, style))

# A sparse month (fewer than 50 stops) and a month where race is mostly not recorded: both dropped by OPP's base pipeline.
for d in range(20): add(f"2015-0{1 + d % 1}-{1 + d:02d}", "12:00:00", "white", "vehicular", "A", "A1", "FALSE", "NA", "NA")
for d in range(120): add(f"2015-03-{1 + d % 28:02d}", "13:00:00", "NA" if d % 4 else "black", "vehicular", "B", "B1", "FALSE", "NA", "NA")
# Outside 2011-2018 and a date that is not a date.
for d in range(30): add(f"2019-06-{1 + d % 28:02d}", "08:00:00", "white", "vehicular", "C", "C1", "FALSE", "NA", "NA")
add("2014-02-30", "08:00:00", "white", "vehicular", "C", "C1", "FALSE", "NA", "NA")
add("NA", "08:00:00", "black", "vehicular", "C", "C1", "FALSE", "NA", "NA")

with open("exampleville_stops.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["raw_row_number", "date", "time", "lat", "lng", "subject_race", "type", "district", "beat", "search_conducted", "search_basis", "contraband_found"])
    for r in rows:
        w.writerow(r[:3] + [f"{35.1495 + rng.uniform(-0.05, 0.05):.6f}", f"{-90.0490 + rng.uniform(-0.05, 0.05):.6f}"] + r[3:])
with open("exampleville_population.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Total population", "Hispanic", "White", "Black", "American Indian", "Asian", "Native Hawaiian and Other Pacific Islander", "Some other race", "Two or more races"])
    w.writerow([250000, 30000, 140000, 60000, 1000, 12000, 500, 1500, 5000])
print(len(rows), "rows")
