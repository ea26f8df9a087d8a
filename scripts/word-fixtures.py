#!/usr/bin/env python3
"""Writes the Word declarations the importer's tests read (tests/fixtures/word/).

A facsimile of the notice's attachment (杭城乡环治办〔2021〕6号, the table at the end of
../shared/seed/): the same rows, the same merged cells, labels broken over lines as the seed
breaks them ("工作专班 / 成立时间", "2021年 / 计划完成的 / 阶段性 / 成果"), check boxes as
"□特色型 □复合型". From it:

  template.docx            the empty attachment, as the city office sends it out
  filled.docx              filled the way a clerk types in WPS or Word: stray and full-width
                           spaces, full-width digits, two phone numbers in one cell, ☑ typed
                           over □, a town the division list lacks, a long 主要内容简介 in
                           several paragraphs under its hint
  filled-libreoffice.docx  filled.docx opened and saved again by LibreOffice (needs soffice;
                           skipped with a warning when it is missing)
  legacy-fields.docx       the same, its 创建类型 boxes Word's legacy check-box form fields
                           (w:fldChar/w:ffData/w:checkBox, FORMCHECKBOX) and its 创建范围 boxes
                           Wingdings 2 symbols (w:sym), as WPS's symbol menu inserts them
  content-controls.docx    the same, its check boxes content controls (w14:checkbox), the
                           阶段性成果 label merged over two rows (w:vMerge) with one paragraph
                           beside each, and 主要内容简介 typed after the table instead of in it

Content is fixed and the zip is written with fixed times and order, so each run writes the same
bytes (LibreOffice's copy carries LibreOffice's own metadata).

    python3 scripts/word-fixtures.py            # needs python-docx (tests/requirements.txt)
    python3 scripts/word-fixtures.py --out DIR  # into another folder (tests/office_files.rs
                                                # checks the committed files are these)
"""

import copy
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "word")

TITLE = "杭州市美丽城镇集群化建设申报表"
HINT = ("（包含开展集群化建设的必要性分析、已有基础或成果，存在的问题，主要措施，"
        "进度计划和远景展望等。具体方案可另附。）")
NOTE = "注：由各县（市、区）美镇办负责填写本申报表，一式三份。"

# What a clerk typed, cell by cell (None: left as in the template).
FILLED = {
    "cluster": "  桐庐富春江美镇圈 ",
    "applicant": "桐庐县美镇办",
    "towns": ["富春江镇、 江南镇，", "凤川街道　桐庐经济开发区"],
    "type": "□特色型　☑复合型",
    "scope": "☑县域内部 □跨县域 □跨市域",
    "coordinator": "王建国",
    "coordinator_unit": "桐庐县人民政府",
    "coordinator_title": "副县长",
    "coordinator_phone": "０５７１－６４２１２３４５",
    "contact": "李晓梅 ",
    "contact_unit": "桐庐县美丽城镇建设工作\n领导小组办公室",
    "contact_title": "综合科科长",
    "contact_phone": "0571-64213456（办）  13857112345",
    "task_force": "2021年4月30日",
    "implementation_plan": "2021.6.30",
    "task_list": "２０２１年７月",
    "cluster_plan": "2021/9/30",
    "stage_results": [
        "完成集群规划编制；",
        "启动富春江沿线绿道贯通、镇村公交一体化等 6 个共建项目。",
    ],
    "summary": [
        "",
        "　　一、必要性分析。富春江镇、江南镇、凤川街道地缘相近、产业相依，沿富春江两岸分布，"
        "交通互通、资源互用的基础较好，但各自建设中存在规划衔接不够、公共服务设施重复建设等问题，"
        "需要以集群化的方式统筹推进。",
        "",
        "　　二、已有基础。三地均为美丽城镇创建单位，已建成富春江绿道一期 12 公里，"
        "开通镇村公交线路 5 条，联合举办富春江文化节两届。",
        "　　三、存在的问题。跨镇街的规划尚未统一，旅游、农业等产业同质化明显，"
        "部分公共服务设施利用率不高。",
        "　　四、主要措施。以“六共”为原则，共绘一张规划，共建交通、文旅与公共服务设施，"
        "建立定期协调推进例会制度，着力解决群众急难愁盼问题。",
        "　　五、进度计划和远景展望。2021年完成规划和方案编制，2022年基本建成绿道和公交一体化项目，"
        "到2025年形成特色鲜明、功能互补的富春江美镇带。",
    ],
    "declared_on": "2021年5月10日",
}


def set_cell_text(cell, text):
    """Replaces the cell's content with `text`; "\n" starts a new line with a break (w:br)."""
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    lines = text.split("\n")
    run = paragraph.add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run = paragraph.add_run(line)


def set_cell_paragraphs(cell, lines):
    """One paragraph per line."""
    set_cell_text(cell, lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)


def label(cell, lines, breaks=True):
    """A label cell broken as on the paper form: line breaks, or one paragraph per line."""
    if breaks:
        set_cell_text(cell, "\n".join(lines))
    else:
        set_cell_paragraphs(cell, lines)
    for p in cell.paragraphs:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def template():
    """The attachment as the city office sends it: the table of the seed, empty."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    style = doc.styles["Normal"]
    style.font.name = "仿宋_GB2312"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")

    doc.add_paragraph("附件")
    title = doc.add_paragraph(TITLE)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER

    table = doc.add_table(rows=11, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, (Mm(30), Mm(50), Mm(30), Mm(46))):
        for cell in column.cells:
            cell.width = width
    rows = table.rows
    # 1: the name over the three cells to the right.
    label(rows[0].cells[0], ["美丽城镇集群化建设名称"])
    rows[0].cells[1].merge(rows[0].cells[3])
    # 2–9: label | value | label | value, as the seed's table.
    pairs = [
        (["申报单位"], ["关联乡镇 (街道)"]),
        (["创建类型"], ["创建范围"]),
        (["总协调人"], ["具体联系人"]),
        (["所在单位"], ["所在单位"]),
        (["职务"], ["职务"]),
        (["联系电话"], ["联系电话"]),
        (["工作专班", "成立时间"], ["实施方案", "完成时间"]),
        (["任务清单", "完成时间"], ["集群规划", "完成时间"]),
    ]
    for row, (left, right) in zip(rows[1:9], pairs):
        label(row.cells[0], left)
        label(row.cells[2], right)
    set_cell_text(rows[2].cells[1], "□特色型 □复合型")
    set_cell_text(rows[2].cells[3], "□县域内部 □跨县域 □跨市域")
    # 10: the stage results, one paragraph per line of the label, the value over three cells.
    label(rows[9].cells[0], ["2021年", "计划完成的", "阶段性", "成果"], breaks=False)
    rows[9].cells[1].merge(rows[9].cells[3])
    # 11: 主要内容简介 over the whole width, its hint under it, room to write.
    summary = rows[10].cells[0].merge(rows[10].cells[3])
    set_cell_paragraphs(summary, ["主要内容简介（500字）：", HINT, "", "", ""])

    doc.add_paragraph("")
    doc.add_paragraph("申报单位（盖章）：")
    doc.add_paragraph("日期：")
    doc.add_paragraph(NOTE)
    return doc


def cells(doc):
    """The value cells of the facsimile by name."""
    rows = doc.tables[0].rows
    named = {
        "cluster": rows[0].cells[1],
        "applicant": rows[1].cells[1],
        "towns": rows[1].cells[3],
        "type": rows[2].cells[1],
        "scope": rows[2].cells[3],
        "stage_results": rows[9].cells[1],
        "summary": rows[10].cells[0],
    }
    for i, key in enumerate(["", "_unit", "_title", "_phone"]):
        named["coordinator" + key] = rows[3 + i].cells[1]
        named["contact" + key] = rows[3 + i].cells[3]
    for row, (left, right) in ((7, ("task_force", "implementation_plan")),
                               (8, ("task_list", "cluster_plan"))):
        named[left] = rows[row].cells[1]
        named[right] = rows[row].cells[3]
    return named


def fill(doc, values):
    named = cells(doc)
    for key, value in values.items():
        if key == "declared_on":
            for p in doc.paragraphs:
                if p.text == "日期：":
                    p.add_run(value)
        elif key == "summary":
            for line in value:
                named["summary"].add_paragraph(line)
        elif isinstance(value, list):
            set_cell_paragraphs(named[key], value)
        else:
            set_cell_text(named[key], value)


def filled():
    doc = template()
    fill(doc, FILLED)
    return doc


def replace_with_xml(cell, fragments):
    """The cell's first paragraph's runs replaced by raw run-level XML fragments."""
    p = cell.paragraphs[0]
    for run in list(p.runs):
        run._r.getparent().remove(run._r)
    for fragment in fragments:
        p._p.append(parse_xml(fragment))


def text_run(text):
    return f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{text}</w:t></w:r>'


def legacy_checkbox(name, checked):
    """Word's legacy check-box form field: begin (with its ffData), FORMCHECKBOX, end."""
    state = '<w:checked/>' if checked else ''
    return [
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/>'
        f'<w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>'
        f'{state}</w:checkBox></w:ffData></w:fldChar></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ]


def wingdings2(ticked):
    """A box from WPS's symbol menu: Wingdings 2, R ticked, £ (0xA3) empty."""
    code = "F052" if ticked else "F0A3"
    return f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings 2" w:char="{code}"/></w:r>'


def content_control(ticked):
    """A content-control check box as Word 2010+ writes it (its glyph in MS Gothic)."""
    glyph = "☒" if ticked else "☐"
    return (
        f'<w:sdt {nsdecls("w", "w14")}><w:sdtPr><w:id w:val="{1000 + ticked}"/><w14:checkbox>'
        f'<w14:checked w14:val="{1 if ticked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
        '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" '
        f'w:hAnsi="MS Gothic" w:hint="eastAsia"/></w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>'
    )


def legacy_fields():
    doc = filled()
    named = cells(doc)
    replace_with_xml(named["type"], legacy_checkbox("特色型", False) + [text_run("特色型　")]
                     + legacy_checkbox("复合型", True) + [text_run("复合型")])
    replace_with_xml(named["scope"], [wingdings2(True), text_run("县域内部 "),
                                      wingdings2(False), text_run("跨县域 "),
                                      wingdings2(False), text_run("跨市域")])
    return doc


def content_controls():
    values = dict(FILLED)
    summary = values.pop("summary")
    values.pop("stage_results")
    doc = template()
    fill(doc, values)
    named = cells(doc)
    replace_with_xml(named["type"], [content_control(False), text_run("特色型　"),
                                     content_control(True), text_run("复合型")])
    replace_with_xml(named["scope"], [content_control(True), text_run("县域内部　"),
                                      content_control(False), text_run("跨县域　"),
                                      content_control(False), text_run("跨市域")])
    table = doc.tables[0]
    # The stage results over two rows: a row added under it, the label merged down.
    stage = table.rows[9]
    new_row = copy.deepcopy(stage._tr)
    stage._tr.addnext(new_row)
    upper, lower = table.rows[9], table.rows[10]
    for tc, merge in ((upper.cells[0]._tc, "restart"), (lower.cells[0]._tc, None)):
        tc_pr = tc.get_or_add_tcPr()
        v_merge = parse_xml(f'<w:vMerge {nsdecls("w")}/>')
        if merge:
            v_merge.set(qn("w:val"), merge)
        tc_pr.append(v_merge)
    lower_label = lower.cells[0]
    for p in lower_label.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    set_cell_text(lower_label, "")
    set_cell_text(upper.cells[1], FILLED["stage_results"][0])
    set_cell_text(lower.cells[1], FILLED["stage_results"][1])
    # 主要内容简介 typed after the table: the table's last row removed, its words after it.
    last = table.rows[-1]._tr
    last.getparent().remove(last)
    anchor = doc.paragraphs[[p.text for p in doc.paragraphs].index("申报单位（盖章）：")]
    for line in ["主要内容简介（500字）：", HINT] + summary:
        anchor.insert_paragraph_before(line)
    return doc


def save(doc, name):
    """Saves with fixed zip times and entry order, so that runs write the same bytes."""
    path = os.path.join(OUT, name)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, name)
        doc.save(raw)
        normalise_zip(raw, path)
    return path


def normalise_zip(source, target):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in sorted(zin.infolist(), key=lambda i: i.filename):
            fixed = zipfile.ZipInfo(info.filename, date_time=(2021, 5, 10, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, zin.read(info.filename))


def libreoffice_copy(source, name):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print(f"warning: soffice not found, {name} not written", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "profile")
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", os.path.join(tmp, "out"),
             source],
            check=True, capture_output=True)
        converted = os.path.join(tmp, "out", os.path.basename(source))
        normalise_zip(converted, os.path.join(OUT, name))


def main():
    global OUT
    if len(sys.argv) == 3 and sys.argv[1] == "--out":
        OUT = os.path.abspath(sys.argv[2])
    elif len(sys.argv) != 1:
        sys.exit(__doc__)
    os.makedirs(OUT, exist_ok=True)
    save(template(), "template.docx")
    source = save(filled(), "filled.docx")
    libreoffice_copy(source, "filled-libreoffice.docx")
    save(legacy_fields(), "legacy-fields.docx")
    save(content_controls(), "content-controls.docx")
    for name in sorted(os.listdir(OUT)):
        print(os.path.join(OUT, name))


if __name__ == "__main__":
    main()
