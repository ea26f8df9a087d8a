"""Reads office files back with independent readers and prints what they hold as JSON.

    python3 read_back.py docx FILE   -> {"paragraphs": [...], "tables": [[[cell, ...], ...]],
                                         "page": {...}, "fonts": [...]}
    python3 read_back.py xlsx FILE   -> {"sheets": [{"name", "rows", "types", "cell_types",
                                         "freeze", "filter", ...}]}

python-docx reads the Word file, openpyxl the workbook (tests/office_files.rs compares).
"""
import json
import sys


def read_docx(path):
    import docx
    from docx.shared import Mm

    document = docx.Document(path)
    section = document.sections[0]
    styles = document.styles.element.xml
    return {
        "paragraphs": [p.text for p in document.paragraphs],
        "tables": [
            [[cell.text for cell in row.cells] for row in table.rows]
            for table in document.tables
        ],
        "page": {
            "width_mm": round(section.page_width / Mm(1)),
            "height_mm": round(section.page_height / Mm(1)),
            "top_mm": round(section.top_margin / Mm(1)),
            "bottom_mm": round(section.bottom_margin / Mm(1)),
            "left_mm": round(section.left_margin / Mm(1)),
            "right_mm": round(section.right_margin / Mm(1)),
        },
        "body_font_in_styles": "仿宋_GB2312" in styles,
    }


def read_xlsx(path):
    import openpyxl

    # A file object: openpyxl refuses names without an .xlsx extension (browser downloads).
    workbook = openpyxl.load_workbook(open(path, "rb"))
    sheets = []
    for sheet in workbook.worksheets:
        rows = []
        cell_types = []
        types = set()
        for row in sheet.iter_rows():
            rows.append(["" if c.value is None else c.value for c in row])
            # Each cell's type as openpyxl reads it: "s" text, "n" number, "f" formula,
            # "d" date; None for an empty cell.
            cell_types.append([None if c.value is None else c.data_type for c in row])
            types.update(c.data_type for c in row if c.value is not None)
        sheets.append(
            {
                "name": sheet.title,
                "rows": rows,
                "types": sorted(types),
                "cell_types": cell_types,
                "freeze": sheet.freeze_panes,
                "filter": sheet.auto_filter.ref,
                "landscape": sheet.page_setup.orientation == "landscape",
                "wrapped": all(
                    c.alignment.wrap_text for row in sheet.iter_rows(min_row=3) for c in row
                ),
            }
        )
    return {"sheets": sheets}


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    result = read_docx(path) if kind == "docx" else read_xlsx(path)
    json.dump(result, sys.stdout, ensure_ascii=False)
