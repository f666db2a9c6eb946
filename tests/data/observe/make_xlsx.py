"""Writes followup.xlsx, the small spreadsheet the command line's observe test reads (openpyxl,
from `make setup`'s venv): the rows of followup.csv beside it, on a sheet after a title sheet,
with person ids as numbers and the months as real dates, as Excel keeps them."""
import csv
import datetime as dt
from pathlib import Path

import openpyxl

here = Path(__file__).resolve().parent
wb = openpyxl.Workbook()
wb.active.title = "Om"
wb.active.append(["Uppföljning av jobbspåret"])
ws = wb.create_sheet("Data")
ws.append([])  # a blank first row: the header is the first row with something in it
with open(here / "followup.csv", encoding="utf-8") as f:
    rows = list(csv.reader(f, delimiter=";"))
ws.append(rows[0])
for person, period, state, scenario in rows[1:]:
    y, m = period.split("-")
    ws.append([int(person), dt.datetime(int(y), int(m), 1), state, scenario])
wb.save(here / "followup.xlsx")
