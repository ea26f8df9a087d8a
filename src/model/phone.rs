//! 联系电话：解析、校验并规范化中国大陆手机号码与带区号的固定电话。
//!
//! 规范化结果：手机 `13812345678`；固定电话 `0571-87654321`，带分机时 `0571-87654321转123`。
//!
//! A 联系电话 cell holds one or two numbers (office and mobile, as offices fill it in):
//! [`parse_phones`] splits them on 、 ， / ； or spaces, keeps short notes such as （办） or
//! 手机：, and a Zhejiang 短号 marked as such beside a full number (`13912345678（短号 612345）`).
//!
//! Besides the required forms, three unambiguous variants are accepted as well: the
//! international form of a fixed line (`+86 571 8765 4321` → `0571-87654321`), the
//! `0086` / `(+86)` spellings of the country code, and a mobile number written with
//! the long-distance `0` in front (`013812345678` → `13812345678`). None of them can be
//! mistaken for a valid domestic number.

#[cfg(test)]
mod tests;

use std::fmt;

use super::error::UserError;

/// 号码类别。
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneKind {
    /// 手机号码。
    Mobile,
    /// 固定电话（含区号，可带分机）。
    FixedLine,
}

/// 解析成功的电话号码。
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub kind: PhoneKind,
    /// `13812345678`、`0571-87654321` 或 `0571-87654321转123`。
    pub normalised: String,
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.normalised)
    }
}

/// 号码无法接受的原因；其 `UserError::message` 给出面向填表人的中文提示。
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    /// 未填写（去掉空白后为空）。
    Empty,
    /// 含有字母、汉字或其他符号。
    BadCharacters,
    /// 以 1 开头但不是有效的 11 位手机号码。
    BadMobile,
    /// 只有 7–8 位本地号码，缺少区号。
    MissingAreaCode,
    /// 区号不存在或位数不对。
    BadAreaCode,
    /// 区号后的本地号码位数或首位不对。
    BadLocalNumber,
    /// 分机号不是 1–6 位数字，或写在了不允许的位置。
    BadExtension,
    /// 其他无法识别的写法。
    Unrecognised,
    /// 超过两个号码。
    TooMany,
    /// 3–6 位的短号，但未注明“短号”或没有写在完整号码旁边。
    UnmarkedShort,
    /// 注明了“短号”，但不是 3–6 位数字。
    BadShortNumber,
    /// 括号中的备注不是简短的中文。
    BadNote,
}

impl UserError for PhoneError {
    /// 中文提示，说明应如何填写。
    fn message(&self) -> String {
        let text = match self {
            PhoneError::Empty => "请填写联系电话",
            PhoneError::BadCharacters => {
                "电话号码只能包含数字、括号和短横线，分机号前写“转”；两个号码之间用“、”隔开，备注写在括号中，如 0571-87654321（办）、13812345678"
            }
            PhoneError::BadMobile => "手机号码应为以 13–19 开头的 11 位数字，如 13812345678",
            PhoneError::MissingAreaCode => {
                "固定电话请带区号，杭州的区号为 0571，如 0571-87654321"
            }
            PhoneError::BadAreaCode => {
                "区号不正确：区号以 0 开头，北京 010 及 020–029 为 3 位，其他地区为 4 位，如杭州 0571-87654321"
            }
            PhoneError::BadLocalNumber => {
                "区号后的电话号码应为 7 或 8 位数字，且不以 0 或 1 开头，如 0571-87654321"
            }
            PhoneError::BadExtension => {
                "分机号应为 1–6 位数字，写在固定电话号码之后，如 0571-87654321转123"
            }
            PhoneError::Unrecognised => {
                "无法识别该号码，请填写 11 位手机号码（如 13812345678）或带区号的固定电话（如 0571-87654321）"
            }
            PhoneError::TooMany => {
                "最多填写两个号码（如办公电话和手机），用“、”隔开，如 0571-87654321、13812345678"
            }
            PhoneError::UnmarkedShort => {
                "短号请写在完整号码之后并注明“短号”，如 13912345678（短号 612345）"
            }
            PhoneError::BadShortNumber => "短号应为 3–6 位数字，如 13912345678（短号 612345）",
            PhoneError::BadNote => {
                "备注请写简短的中文，放在括号中，如 0571-87654321（办）、13812345678（手机）"
            }
        };
        text.into()
    }
}

/// 分机号最多位数。
const MAX_EXTENSION_DIGITS: usize = 6;

/// Words that introduce an extension, longest first; ASCII ones match case-insensitively.
const EXTENSION_MARKERS: [&str; 6] = ["分机号", "分机", "转", "ext.", "ext", "x"];

/// Spellings of the country code; what follows is read as an international number.
const COUNTRY_PREFIXES: [&str; 4] = ["(+86)", "(0086)", "+86", "0086"];

/// 解析联系电话：手机号码或带区号的固定电话（可带分机）。
///
/// 全角数字与符号、各种短横线会先转为半角，所有空白（含全角空格、不换行空格）会被去掉。
pub fn parse_phone(input: &str) -> Result<Phone, PhoneError> {
    let folded = fold_input(input);
    if folded.is_empty() {
        return Err(PhoneError::Empty);
    }
    let (main, marked_extension) = split_extension(&folded)?;
    let number = parse_main(&main)?;
    finish(number, marked_extension)
}

/// A number before the extension written with a marker has been attached.
#[derive(Debug)]
enum Number {
    Mobile(String),
    Fixed {
        area: String,
        local: String,
        /// Extension written as `-123` after a separated area code and local number.
        extension: Option<String>,
    },
}

/// Full-width ASCII → ASCII, dashes → `-`, white space (and zero-width spaces) removed.
fn fold_input(input: &str) -> String {
    input
        .chars()
        .filter(|&c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}'))
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
            _ => c,
        })
        .collect()
}

fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Splits off an extension introduced by a marker word (`转`, `分机`, `ext`, `x`), and
/// rejects every character that cannot occur in a phone number.
fn split_extension(folded: &str) -> Result<(String, Option<String>), PhoneError> {
    let mut main = String::new();
    let mut extension: Option<String> = None;
    let mut markers = 0usize;
    let mut rest = folded;
    while let Some(c) = rest.chars().next() {
        let marker_len = EXTENSION_MARKERS
            .iter()
            .find(|marker| starts_with_ignore_ascii_case(rest, marker))
            .map(|marker| marker.len());
        let step = if let Some(len) = marker_len {
            markers += 1;
            extension.get_or_insert_with(String::new);
            len
        } else if c.is_ascii_digit() || matches!(c, '(' | ')' | '-' | '+') {
            match extension.as_mut() {
                Some(ext) => ext.push(c),
                None => main.push(c),
            }
            c.len_utf8()
        } else {
            return Err(PhoneError::BadCharacters);
        };
        rest = rest.get(step..).unwrap_or_default();
    }
    if markers > 1 {
        return Err(PhoneError::BadExtension);
    }
    Ok((main, extension))
}

fn parse_main(main: &str) -> Result<Number, PhoneError> {
    if main.is_empty() {
        return Err(PhoneError::Unrecognised);
    }
    if let Some(rest) = COUNTRY_PREFIXES
        .iter()
        .find_map(|prefix| main.strip_prefix(prefix))
    {
        return parse_international(rest.strip_prefix('-').unwrap_or(rest));
    }
    // `86` without `+` only counts as a country code in front of a mobile number:
    // a domestic number never starts with 8, so nothing valid is lost.
    if let Some(rest) = main.strip_prefix("86") {
        if let Ok(mobile) = parse_mobile(rest.strip_prefix('-').unwrap_or(rest)) {
            return Ok(mobile);
        }
    }
    parse_domestic(main)
}

/// The part after `+86`: a mobile number, or a fixed line whose area code lacks the trunk `0`.
fn parse_international(rest: &str) -> Result<Number, PhoneError> {
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Err(PhoneError::Unrecognised),
        // +86 10 … is Beijing (010); every other 1x is a mobile number.
        (Some('1'), Some('0')) => parse_domestic(&format!("0{rest}")),
        (Some('1'), _) => parse_mobile(rest),
        // Tolerate the trunk 0 written anyway: +86 0571 …
        (Some('0'), _) | (Some('('), Some('0')) => parse_domestic(rest),
        (Some('('), _) => {
            let inner = rest.strip_prefix('(').unwrap_or(rest);
            parse_domestic(&format!("(0{inner}"))
        }
        (Some(c), _) if c.is_ascii_digit() => parse_domestic(&format!("0{rest}")),
        _ => Err(PhoneError::Unrecognised),
    }
}

fn parse_domestic(main: &str) -> Result<Number, PhoneError> {
    match main.chars().next() {
        Some('(') => parse_parenthesised(main),
        Some('0') => parse_with_area_code(main),
        Some('1') => parse_mobile(main),
        Some('2'..='9') => Err(diagnose_without_area_code(main)),
        _ => Err(PhoneError::Unrecognised),
    }
}

fn is_mobile_digits(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1])
}

/// A mobile number, possibly grouped with hyphens (`138-1234-5678`).
fn parse_mobile(text: &str) -> Result<Number, PhoneError> {
    if !text.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(PhoneError::BadMobile);
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if is_mobile_digits(&digits) {
        Ok(Number::Mobile(digits))
    } else {
        Err(PhoneError::BadMobile)
    }
}

/// Length of the area code at the start of `code`: `010` and `020`–`029` have 3 digits,
/// `03xx`–`09xx` have 4.
fn area_code_len(code: &str) -> Result<usize, PhoneError> {
    let bytes = code.as_bytes();
    match (bytes.first(), bytes.get(1), bytes.get(2)) {
        (Some(b'0'), Some(b'1'), Some(b'0')) | (Some(b'0'), Some(b'2'), _) => Ok(3),
        (Some(b'0'), Some(b'3'..=b'9'), _) => Ok(4),
        _ => Err(PhoneError::BadAreaCode),
    }
}

fn check_local(local: &str) -> Result<(), PhoneError> {
    let bytes = local.as_bytes();
    let ok = (7..=8).contains(&bytes.len())
        && bytes.iter().all(u8::is_ascii_digit)
        && (b'2'..=b'9').contains(&bytes[0]);
    if ok {
        Ok(())
    } else {
        Err(PhoneError::BadLocalNumber)
    }
}

fn check_extension(extension: &str) -> Result<(), PhoneError> {
    let ok = (1..=MAX_EXTENSION_DIGITS).contains(&extension.len())
        && extension.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(PhoneError::BadExtension)
    }
}

/// The hyphen-separated groups after a separated area code: the local number (possibly
/// itself grouped, `8765-4321`), then optionally an extension.
fn local_and_extension(groups: &[&str]) -> Result<(String, Option<String>), PhoneError> {
    match groups {
        [] => Err(PhoneError::BadLocalNumber),
        [local] => {
            check_local(local)?;
            Ok((local.to_string(), None))
        }
        [first, second, rest @ ..]
            if (3..=4).contains(&first.len())
                && (7..=8).contains(&(first.len() + second.len())) =>
        {
            let local = format!("{first}{second}");
            check_local(&local)?;
            match rest {
                [] => Ok((local, None)),
                [extension] => Ok((local, Some(extension.to_string()))),
                _ => Err(PhoneError::Unrecognised),
            }
        }
        [local, extension] => {
            check_local(local)?;
            Ok((local.to_string(), Some(extension.to_string())))
        }
        [local, ..] => {
            check_local(local)?;
            Err(PhoneError::Unrecognised)
        }
    }
}

/// A number starting with `0`: `0571-87654321[-123]`, `057187654321`, or `013812345678`.
fn parse_with_area_code(main: &str) -> Result<Number, PhoneError> {
    if main.contains(['(', ')', '+']) {
        return Err(PhoneError::Unrecognised);
    }
    // A mobile number dialled with the long-distance 0; `01[3-9]` is never an area code.
    if let Some(Ok(mobile)) = main.strip_prefix('0').map(parse_mobile) {
        return Ok(mobile);
    }
    let groups: Vec<&str> = main.split('-').collect();
    let Some((&first, rest)) = groups.split_first() else {
        return Err(PhoneError::Unrecognised);
    };
    let area_len = area_code_len(first)?;
    if !rest.is_empty() && first.len() <= 4 {
        // Separated: the first group is the whole area code.
        if first.len() != area_len {
            return Err(PhoneError::BadAreaCode);
        }
        let (local, extension) = local_and_extension(rest)?;
        return Ok(Number::Fixed {
            area: first.to_string(),
            local,
            extension,
        });
    }
    // Not separated: area code and local number written together.
    let (Some(area), Some(local)) = (first.get(..area_len), first.get(area_len..)) else {
        return Err(PhoneError::BadAreaCode);
    };
    check_local(local)?;
    if !rest.is_empty() {
        // `-123` only marks an extension after a separated area code.
        return Err(PhoneError::BadExtension);
    }
    Ok(Number::Fixed {
        area: area.to_string(),
        local: local.to_string(),
        extension: None,
    })
}

/// `(0571)87654321`, `(0571)-87654321`, `(0571)87654321-123`.
fn parse_parenthesised(main: &str) -> Result<Number, PhoneError> {
    let Some(close) = main.find(')') else {
        return Err(PhoneError::Unrecognised);
    };
    let (Some(area), Some(after)) = (main.get(1..close), main.get(close + 1..)) else {
        return Err(PhoneError::Unrecognised);
    };
    if area.is_empty() {
        return Err(PhoneError::MissingAreaCode);
    }
    if !area.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PhoneError::Unrecognised);
    }
    if area_code_len(area)? != area.len() {
        return Err(PhoneError::BadAreaCode);
    }
    let after = after.strip_prefix('-').unwrap_or(after);
    if after.contains(['(', ')', '+']) {
        return Err(PhoneError::Unrecognised);
    }
    let groups: Vec<&str> = after.split('-').collect();
    let (local, extension) = local_and_extension(&groups)?;
    Ok(Number::Fixed {
        area: area.to_string(),
        local,
        extension,
    })
}

/// The most specific error for a number starting with 2–9 (no area code).
fn diagnose_without_area_code(main: &str) -> PhoneError {
    if main.contains(['(', ')', '+']) {
        return PhoneError::Unrecognised;
    }
    if is_short_number(main) {
        return PhoneError::UnmarkedShort;
    }
    let groups: Vec<&str> = main.split('-').collect();
    let digits = main.bytes().filter(u8::is_ascii_digit).count();
    match groups.as_slice() {
        // 87654321, 87654321-123
        [first, ..] if (7..=8).contains(&first.len()) => PhoneError::MissingAreaCode,
        // 571-87654321: area code without its leading 0
        [area, local] if (2..=3).contains(&area.len()) && (7..=8).contains(&local.len()) => {
            PhoneError::BadAreaCode
        }
        _ => match digits {
            7..=8 => PhoneError::MissingAreaCode,
            0..=6 | 9 => PhoneError::BadLocalNumber,
            10..=11 => PhoneError::BadAreaCode,
            _ => PhoneError::Unrecognised,
        },
    }
}

fn finish(number: Number, marked_extension: Option<String>) -> Result<Phone, PhoneError> {
    match number {
        Number::Mobile(digits) => {
            if marked_extension.is_some() {
                return Err(PhoneError::BadExtension);
            }
            Ok(Phone {
                kind: PhoneKind::Mobile,
                normalised: digits,
            })
        }
        Number::Fixed {
            area,
            local,
            extension,
        } => {
            let extension = match (extension, marked_extension) {
                (Some(_), Some(_)) => return Err(PhoneError::BadExtension),
                (dashed, marked) => dashed.or(marked),
            };
            let mut normalised = format!("{area}-{local}");
            if let Some(extension) = extension {
                check_extension(&extension)?;
                normalised.push('转');
                normalised.push_str(&extension);
            }
            Ok(Phone {
                kind: PhoneKind::FixedLine,
                normalised,
            })
        }
    }
}

/// A Zhejiang 短号 (a mobile group's short number): 3–6 digits.
fn is_short_number(digits: &str) -> bool {
    (3..=6).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Notes longer than this are not notes but text in the wrong cell.
const MAX_NOTE_CHARS: usize = 8;

/// The word that marks a short number.
const SHORT_MARK: &str = "短号";

/// One number of a 联系电话 cell, with what the user wrote beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneEntry {
    pub phone: Phone,
    /// A note such as 办 or 手机 (written in brackets or as a label before the number).
    pub note: Option<String>,
    /// A 短号 written beside the number.
    pub short: Option<String>,
}

impl PhoneEntry {
    /// `0571-87654321（办）`, `13912345678（短号 612345）`.
    pub fn normalised(&self) -> String {
        let mut out = self.phone.normalised.clone();
        if let Some(note) = &self.note {
            out.push_str(&format!("（{note}）"));
        }
        if let Some(short) = &self.short {
            out.push_str(&format!("（{SHORT_MARK} {short}）"));
        }
        out
    }
}

/// The numbers of a 联系电话 cell: one or two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneList {
    pub entries: Vec<PhoneEntry>,
}

impl PhoneList {
    /// Every number in its normalised form, joined by 、 (what is printed and signed).
    pub fn normalised(&self) -> String {
        self.entries
            .iter()
            .map(PhoneEntry::normalised)
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// Why a 联系电话 cell cannot be read: the problem, and which number it is in when the cell
/// holds two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneListError {
    /// 1 or 2 when the cell holds two numbers and one of them is wrong.
    pub number: Option<usize>,
    pub error: PhoneError,
}

impl PhoneListError {
    fn of(error: PhoneError) -> PhoneListError {
        PhoneListError {
            number: None,
            error,
        }
    }
}

impl UserError for PhoneListError {
    /// Chinese, and says what is expected.
    fn message(&self) -> String {
        match self.number {
            Some(n) => format!("第 {n} 个号码：{}", self.error.message()),
            None => self.error.message(),
        }
    }
}

/// Separators between two numbers (white space is tried last, see `parse_phones`).
fn is_list_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '／' | '\n' | '\r')
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// What a segment of the cell holds once its notes are taken out.
#[derive(Debug, Default)]
struct Segment {
    number: String,
    note: Option<String>,
    short: Option<String>,
}

/// Reads a note's text: a short number (`短号 612345`), or a few Chinese characters.
fn read_note(text: &str, segment: &mut Segment) -> Result<(), PhoneError> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
    if let Some(rest) = text.strip_prefix(SHORT_MARK) {
        let digits = fold_input(rest.trim_start_matches([':', '：']));
        if !is_short_number(&digits) {
            return Err(PhoneError::BadShortNumber);
        }
        segment.short = Some(digits);
        return Ok(());
    }
    let chars = text.chars().count();
    if chars == 0 || chars > MAX_NOTE_CHARS || !text.chars().all(is_han) {
        return Err(PhoneError::BadNote);
    }
    segment.note = Some(text.to_string());
    Ok(())
}

/// Takes the notes out of one segment: bracketed notes with Chinese inside, and a label of
/// Chinese characters before the number (`手机：`, `办 `). Brackets around digits stay: they
/// are an area code, `(0571)87654321`.
fn split_notes(text: &str) -> Result<Segment, PhoneError> {
    let mut segment = Segment::default();
    let mut rest = text.trim();
    // A label before the number.
    let label_end = rest
        .char_indices()
        .find(|&(_, c)| !is_han(c))
        .map_or(rest.len(), |(i, _)| i);
    if label_end > 0 {
        let label = &rest[..label_end];
        let after = rest[label_end..]
            .trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
        // "转"/"分机" only introduce an extension after a number, never before one.
        if !label.starts_with('转') && !label.starts_with("分机") {
            if label == SHORT_MARK {
                read_note(&format!("{label}{after}"), &mut segment)?;
                return Ok(segment);
            }
            read_note(label, &mut segment)?;
            rest = after;
        }
    }
    let mut number = String::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '(' || c == '（' {
            let close = rest[i..]
                .char_indices()
                .find(|&(_, c)| c == ')' || c == '）')
                .map(|(j, c)| (i + j, c.len_utf8()));
            if let Some((end, close_len)) = close {
                let inner = &rest[i + c.len_utf8()..end];
                if inner.chars().any(is_han) {
                    if segment.note.is_some() && !inner.trim().starts_with(SHORT_MARK) {
                        return Err(PhoneError::BadNote);
                    }
                    read_note(inner, &mut segment)?;
                    while chars.peek().is_some_and(|&(j, _)| j < end + close_len) {
                        chars.next();
                    }
                    continue;
                }
            }
        }
        number.push(c);
    }
    segment.number = number.trim().to_string();
    Ok(segment)
}

/// One segment as one number (with its notes), or a short number on its own.
enum Parsed {
    Entry(PhoneEntry),
    ShortOnly(String),
}

fn parse_segment(text: &str) -> Result<Parsed, PhoneError> {
    let segment = split_notes(text)?;
    if segment.number.is_empty() {
        return match (segment.short, segment.note) {
            (Some(short), None) => Ok(Parsed::ShortOnly(short)),
            _ => Err(PhoneError::Unrecognised),
        };
    }
    let phone = parse_phone(&segment.number)?;
    Ok(Parsed::Entry(PhoneEntry {
        phone,
        note: segment.note,
        short: segment.short,
    }))
}

/// The entries of a list of segments; a short number on its own joins the number before it.
fn entries_of(segments: &[&str]) -> Result<Vec<PhoneEntry>, PhoneListError> {
    let numbered = segments.len() > 1;
    let mut entries: Vec<PhoneEntry> = Vec::new();
    for (i, text) in segments.iter().enumerate() {
        let fail = |error| PhoneListError {
            number: numbered.then_some(i + 1),
            error,
        };
        match parse_segment(text).map_err(fail)? {
            Parsed::Entry(entry) => entries.push(entry),
            Parsed::ShortOnly(short) => match entries.last_mut() {
                Some(last) if last.short.is_none() => last.short = Some(short),
                _ => return Err(fail(PhoneError::UnmarkedShort)),
            },
        }
    }
    if entries.len() > 2 {
        return Err(PhoneListError::of(PhoneError::TooMany));
    }
    Ok(entries)
}

/// 解析联系电话一栏：一个或两个号码。
///
/// Numbers are separated by 、 ， / ； (full- or half-width) or, when that is the only way to
/// read the cell, by white space (`0571-87654321 13812345678`; a number may itself contain
/// spaces, `0571 8765 4321`). Each is a mobile or a fixed line (see [`parse_phone`]), with an
/// optional note (`（办）`, `手机：`) and an optional 短号 marked as such.
pub fn parse_phones(input: &str) -> Result<PhoneList, PhoneListError> {
    if fold_input(input).is_empty() {
        return Err(PhoneListError::of(PhoneError::Empty));
    }
    let segments: Vec<&str> = input
        .split(is_list_separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let first_try = entries_of(&segments);
    if first_try.is_ok() || segments.len() != 1 {
        return first_try.map(|entries| PhoneList { entries });
    }
    // One segment that is not one number: try it as two numbers separated by white space.
    let text = segments[0];
    for (i, c) in text.char_indices().filter(|&(_, c)| c.is_whitespace()) {
        let (left, right) = (text[..i].trim(), text[i + c.len_utf8()..].trim());
        if left.is_empty() || right.is_empty() {
            continue;
        }
        if let Ok(entries) = entries_of(&[left, right]) {
            if entries.len() == 2 {
                return Ok(PhoneList { entries });
            }
        }
    }
    first_try.map(|entries| PhoneList { entries })
}
