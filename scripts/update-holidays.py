#!/usr/bin/env python3
"""Regenerates src/core/calendar/holidays_cn.csv from holiday-cn's YYYY.json files.

Usage: scripts/update-holidays.py [DIR]   (default: ../shared/domain/holidays-cn)

Run it when the State Council publishes a new year's notice (usually in November), after
adding that year's JSON file; then check the diff against the notice itself.
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
src = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared/domain/holidays-cn"
out = root / "src/core/calendar/holidays_cn.csv"

lines = [
    "# 法定节假日（off=1）与调休上班日（off=0），依据国务院办公厅历年《关于××××年部分节假日安排的通知》。",
    "# 由 scripts/update-holidays.py 生成；每年一行注明通知出处。格式：date,off,name",
]
rows = {}
for path in sorted(src.glob("[0-9][0-9][0-9][0-9].json")):
    data = json.loads(path.read_text(encoding="utf-8"))
    papers = " ".join(data.get("papers", [])) or "通知尚未发布"
    lines.append(f"# {data['year']}: {papers}")
    for day in data["days"]:
        if day["date"] in rows or "," in day["name"]:
            sys.exit(f"{path}: duplicate date or comma in name: {day}")
        rows[day["date"]] = f"{day['date']},{int(day['isOffDay'])},{day['name']}"
lines += [rows[d] for d in sorted(rows)]
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{out}: {len(rows)} days")
