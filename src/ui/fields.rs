//! Controls shared by the sections: labelled inputs with hints and inline messages.

use leptos::prelude::*;

use crate::model::date::date_as_printed;
use crate::model::field::FieldId;
use crate::model::validate::{Problem, Severity};
use crate::ui::state::FormState;

/// The ids an input's `aria-describedby` names: its hint (if any) and its messages.
pub fn described_by(field: FieldId, hint: bool) -> String {
    let mut ids = Vec::new();
    if hint {
        ids.push(hint_id(field));
    }
    ids.push(field.message_id());
    ids.join(" ")
}

pub fn hint_id(field: FieldId) -> String {
    format!("{}-hint", field.dom_id())
}

/// Whether the field shows an error now (for `aria-invalid` and styling).
pub fn has_error(problems: Memo<Vec<Problem>>) -> impl Fn() -> bool + Copy {
    move || problems.with(|p| p.iter().any(|p| p.severity == Severity::Error))
}

/// `aria-invalid` of a field: "true" when it has an error.
pub fn invalid(problems: Memo<Vec<Problem>>) -> impl Fn() -> &'static str + Copy {
    let has_error = has_error(problems);
    move || if has_error() { "true" } else { "false" }
}

/// The inline messages of a field: errors first, then warnings.
#[component]
pub fn FieldMessages(field: FieldId, problems: Memo<Vec<Problem>>) -> impl IntoView {
    view! {
        <div id=field.message_id() class="field-messages">
            {move || {
                problems
                    .get()
                    .into_iter()
                    .map(|p| {
                        let (class, prefix) = match p.severity {
                            Severity::Error => ("error-message", "错误："),
                            Severity::Warning => ("warning-message", "请注意："),
                        };
                        view! {
                            <p class=class>
                                <span class="visually-hidden">{prefix}</span>
                                {p.message}
                            </p>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

/// The frame every field of the form shares: its label (with "（选填）" when `optional`), its
/// hint, its inline messages, then the control and what goes with it (`children`). The hint's
/// id is `hint_id(field)`, for the control's `aria-describedby`.
#[component]
pub fn FieldFrame(
    field: FieldId,
    problems: Memo<Vec<Problem>>,
    #[prop(optional_no_strip)] hint: Option<String>,
    #[prop(default = false)] optional: bool,
    #[prop(default = "field")] class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=class class:field-invalid=has_error(problems)>
            <label class="field-label" for=field.dom_id()>
                {field.label()}
                {optional.then(|| view! { <span class="optional">"（选填）"</span> })}
            </label>
            {hint.map(|h| view! { <p class="field-hint" id=hint_id(field)>{h}</p> })}
            <FieldMessages field problems />
            {children()}
        </div>
    }
}

/// Which kind of single-line control.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Text,
    Tel,
    Date,
}

/// A labelled single-line input bound to one text of the declaration.
#[component]
pub fn LineField(
    state: FormState,
    field: FieldId,
    #[prop(default = LineKind::Text)] kind: LineKind,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Rewrites the value when the user leaves the field (e.g. a normalised phone number).
    #[prop(optional)]
    on_leave: Option<fn(&str) -> Option<String>>,
    #[prop(optional, into)] placeholder: Option<Signal<String>>,
) -> impl IntoView {
    let value = state.select(move |d| d.text(field).unwrap_or_default().to_string());
    let problems = state.shown_problems(field);
    let has_hint = hint.is_some();
    // A date is text: people write it to the day or to the month, in any common spelling,
    // and it is rewritten in the official style when they leave the field.
    let input_type = match kind {
        LineKind::Text | LineKind::Date => "text",
        LineKind::Tel => "tel",
    };
    let on_leave = on_leave.or(match kind {
        LineKind::Date => Some(date_as_printed as fn(&str) -> Option<String>),
        LineKind::Text | LineKind::Tel => None,
    });
    let placeholder = placeholder.or_else(|| {
        (kind == LineKind::Date)
            .then(|| Signal::stored("如 2021年6月30日 或 2021年6月".to_string()))
    });
    let required = field.is_required();
    view! {
        <FieldFrame field problems hint optional=!required>
            <input
                id=field.dom_id()
                name=field.dom_id()
                type=input_type
                class="input"
                class:input-date=kind == LineKind::Date
                placeholder=move || placeholder.map(|p| p.get())
                autocomplete=autocomplete.unwrap_or("off")
                inputmode=(kind == LineKind::Tel).then_some("tel")
                aria-required=required.then_some("true")
                aria-invalid=invalid(problems)
                aria-describedby=described_by(field, has_hint)
                prop:value=move || value.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.set_text(field, text);
                }
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    state.set_text(field, text);
                }
                on:blur=move |_| {
                    if let Some(rewrite) = on_leave {
                        let current = value.get_untracked();
                        if let Some(better) = rewrite(&current) {
                            if better != current {
                                state.set_text(field, better);
                            }
                        }
                    }
                    state.touch(field);
                }
            />
        </FieldFrame>
    }
}

/// A labelled multi-line text with an optional live 字数 counter.
#[component]
pub fn BlockField(
    state: FormState,
    field: FieldId,
    #[prop(optional, into)] hint: Option<String>,
    /// The 字数 limit to count against; shows a counter.
    limit: usize,
    /// The limit is only a guard against absurd input, not one the notice sets: the counter
    /// then shows the count alone until the guard is passed.
    #[prop(default = false)]
    guard: bool,
    #[prop(default = 6)] rows: u32,
) -> impl IntoView {
    let value = state.select(move |d| d.text(field).unwrap_or_default().to_string());
    let problems = state.shown_problems(field);
    let count = Memo::new(move |_| value.with(|v| crate::model::text::zishu(v)));
    let counter_id = format!("{}-count", field.dom_id());
    let described = format!("{} {}", described_by(field, hint.is_some()), counter_id);
    view! {
        <FieldFrame field problems hint>
            <textarea
                id=field.dom_id()
                name=field.dom_id()
                class="textarea"
                rows=rows
                aria-required="true"
                aria-invalid=invalid(problems)
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.set_text(field, text);
                }
                on:blur=move |_| state.touch(field)
            ></textarea>
            <p
                id=counter_id
                class="counter"
                class:counter-over=move || { count.get() > limit }
            >
                {move || {
                    let n = count.get();
                    if n > limit {
                        format!("已输入 {n} 字，超出 {} 字（上限 {limit} 字）", n - limit)
                    } else if guard {
                        format!("已输入 {n} 字")
                    } else {
                        format!("已输入 {n} 字，还可输入 {} 字", limit - n)
                    }
                }}
            </p>
            <p class="counter-rule">
                {(!guard)
                    .then_some(
                        "字数与 Word、WPS 的“字数统计”一致：每个汉字、全角标点计 1 字，连续的英文字母或数字（如 2021、5G）计 1 字，空格和换行不计。",
                    )}
                {format!(
                    "全文另不能超过 {} 个字符（每个字母、数字、符号、空格和换行都算 1 个）。",
                    crate::model::validate::limits::char_ceiling(limit),
                )}
            </p>
        </FieldFrame>
    }
}

/// A labelled text input bound to a signal, for what is not part of the declaration (a
/// passphrase, a key's fingerprint, a town typed by hand). Its hint, if any, is read out with
/// it (`aria-describedby`); `on_enter` runs when Enter is pressed in it.
#[component]
pub fn PlainInput(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "input")] class: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] spellcheck: Option<&'static str>,
    #[prop(optional, into)] on_enter: Option<Callback<()>>,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class="field">
            <label class="field-label" for=id>{label}</label>
            {hint.map(|text| view! { <p class="field-hint" id=hint_id.clone()>{text}</p> })}
            <input
                id=id
                type=input_type
                class=class
                autocomplete=autocomplete
                placeholder=placeholder
                spellcheck=spellcheck
                aria-describedby=hint_id
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if let Some(enter) = on_enter.filter(|_| ev.key() == "Enter") {
                        ev.prevent_default();
                        enter.run(());
                    }
                }
            />
        </div>
    }
}
