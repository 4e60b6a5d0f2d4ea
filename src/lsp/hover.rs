//! Hover: on a key, its meaning and the rule behind it (Vietnamese); on a value bienban computes from, what
//! it will print (the attendance rate, the number symbol, the date line, the closing sentence, a vote's
//! result), through [`crate::vi`] as the PDF does.

use chrono::{NaiveDate, NaiveTime};

use crate::input::describe;
use crate::input::keys::{Path, Seg, keypath};
use crate::lsp::documents::Analysis;
use crate::vi;

/// The hover text (Markdown) and the byte range it is about, at byte `offset`.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<(String, std::ops::Range<usize>)> {
    let places = &analysis.positions.places;
    let on_key = places.iter().find_map(|(path, place)| {
        let span = place.key.clone()?;
        (span.start <= offset && offset <= span.end).then_some((path, span))
    });
    if let Some((path, span)) = on_key {
        let mut text = describe_key(path);
        if let Some(printed) = printed(analysis, path) {
            text.push_str(&format!("\n\n{printed}"));
        }
        return Some((text, span));
    }
    let (path, place) = places
        .iter()
        .filter(|(_, p)| p.value.start <= offset && offset <= p.value.end)
        .min_by_key(|(_, p)| p.value.len())?;
    let text = printed(analysis, path).unwrap_or_else(|| describe_key(path));
    Some((text, place.value.clone()))
}

/// A key's meaning, expected form and rule.
fn describe_key(written: &str) -> String {
    let Some(path) = Path::parse(written) else {
        return format!("**`{written}`**");
    };
    let plain = path.pattern();
    let meaning = path.key().map_or("", |k| k.about.vi);
    let (_, expected) = describe::expected(&path);
    let mut text = format!("**`{plain}`** — {meaning}\n\nDạng: {expected}");
    if let Some(rule) = rule(&path) {
        text.push_str(&format!("\n\nQuy tắc: {rule}"));
    }
    text
}

/// The rule bienban checks on a key, in a clerk's words.
fn rule(path: &Path) -> Option<&'static str> {
    let is = |keys: &[Path]| keys.iter().any(|k| path.same_key(k));
    Some(
        if is(&[
            keypath!(members.present).into(),
            keypath!(members.absent).into(),
            keypath!(members.total).into(),
            keypath!(members.exempt).into(),
        ]) {
            "có mặt + số người vắng (liệt kê trong `members.absent`) phải bằng tổng số − miễn sinh hoạt (E0203); tỷ lệ dự họp từ 85% trở xuống bị cảnh báo (W0102, Hướng dẫn 12-HD/BTCTW)"
        } else if is(&[keypath!(members.probationary).into()]) {
            "không lớn hơn tổng số (E0205); đảng viên dự bị không biểu quyết"
        } else if is(&[keypath!(number).into()]) {
            "khi có `number` phải có `organization.code` (E0211); in ít nhất hai chữ số"
        } else if is(&[keypath!(organization.code).into()]) {
            "chỉ gồm chữ in hoa, cho phép Đ (E0212)"
        } else if is(&[keypath!(date).into()]) {
            "một ngày có thật (E0201); ngày trong tương lai bị cảnh báo (W0104)"
        } else if is(&[keypath!(start).into(), keypath!(end).into()]) {
            "giờ `HH:MM` trong ngoặc kép (E0202); giờ kết thúc sau giờ bắt đầu (E0204); sinh hoạt thường kỳ, chuyên đề ít nhất 90 phút (W0101, Hướng dẫn 42-HD/BTCTW)"
        } else if is(&[
            keypath!(votes).into(),
            keypath!(votes[0].for).into(),
            keypath!(votes[0].against).into(),
            keypath!(votes[0].abstain).into(),
        ]) {
            "tổng số phiếu không quá số người có mặt (E0207) và số đảng viên chính thức được triệu tập (E0208); tán thành phải quá một nửa số đảng viên chính thức được triệu tập (W0103)"
        } else if is(&[
            keypath!(chair).into(),
            keypath!(secretary).into(),
            keypath!(speakers[0].name).into(),
            keypath!(chair.name).into(),
            keypath!(secretary.name).into(),
        ]) {
            "người chủ trì, thư ký, người phát biểu không được có tên trong danh sách vắng mặt (E0209)"
        } else if is(&[keypath!(members.absent[0].name).into()]) {
            "mỗi người vắng chỉ ghi một lần (E0210)"
        } else if is(&[keypath!(place).into()]) {
            "bắt buộc với thể thức Đảng (`layout: party`)"
        } else {
            return None;
        },
    )
}

/// What bienban will print from the value at `path`, when it computes something from it.
fn printed(analysis: &Analysis, written: &str) -> Option<String> {
    let raw = &analysis.raw;
    let layout = raw.layout.unwrap_or_default();
    let path = Path::parse(written)?;
    let is = |key: &Path| path.same_key(key);
    if path.within(&keypath!(members)) {
        let m = raw.members.as_ref()?;
        let summoned = u64::from(m.summoned());
        return Some(format!(
            "bienban in: có mặt {}/{} đồng chí được triệu tập, tỷ lệ dự họp **{}**; vắng {} ({} có lý do, {} không lý do)",
            vi::count(m.present.into()),
            vi::count(summoned),
            vi::percent(m.present.into(), summoned),
            vi::count(m.absent.len() as u64),
            vi::count(m.excused() as u64),
            vi::count((m.absent.len() - m.excused()) as u64),
        ));
    }
    if is(&keypath!(number)) || is(&keypath!(organization.code)) {
        let code = raw.organization.as_ref()?.code.as_deref()?;
        return Some(format!(
            "bienban in: **{}**",
            vi::number_symbol(layout, raw.number?, code)
        ));
    }
    if is(&keypath!(date)) || is(&keypath!(place)) {
        let date = date(raw.date.as_deref()?)?;
        let place = raw.place.as_deref().unwrap_or("");
        return Some(format!("bienban in: **{}**", vi::date_line(place, date)));
    }
    if is(&keypath!(end)) {
        let end = NaiveTime::parse_from_str(raw.end.as_deref()?.trim(), "%H:%M").ok()?;
        let date = date(raw.date.as_deref()?)?;
        let body = raw.meeting.as_ref().and_then(|m| m.body);
        let body = body.unwrap_or(crate::input::model::Body::default_for(layout));
        return Some(format!(
            "bienban in: **{}**",
            vi::closing_sentence(layout, body, end, date)
        ));
    }
    if is(&keypath!(meeting.kind)) {
        let kind = raw.meeting.as_ref()?.kind;
        return Some(format!(
            "bienban in: sinh hoạt **{}**",
            vi::kind_words(kind)
        ));
    }
    if path.within(&keypath!(votes)) {
        return vote(analysis, &path);
    }
    None
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A vote's printed sentence, with its base and outcome, as the PDF says it (once the file has no error).
fn vote(analysis: &Analysis, path: &Path) -> Option<String> {
    let Some(Seg::Index(index)) = path.segs().get(1) else {
        return None;
    };
    let sentence = analysis.vote_sentences.get(*index)?;
    Some(format!("bienban in: **{sentence}**"))
}
