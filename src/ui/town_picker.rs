//! 关联乡镇（街道）: search the division list, choose towns as removable chips, or add a town
//! the list lacks. Keyboard: ↓/↑ move through results, Enter adds, Esc closes.

use leptos::prelude::*;

use crate::model::declaration::TownRef;
use crate::model::divisions::{divisions, Town, HANGZHOU_CITY_CODE};
use crate::model::field::FieldId;
use crate::model::validate::{new_custom_town, CustomTownInput};
use crate::ui::fields::{hint_id, invalid, FieldFrame, PlainInput};
use crate::ui::state::FormState;

/// Results shown at most, so the list stays readable.
const MAX_RESULTS: usize = 60;
const LISTBOX_ID: &str = "town-results";

/// The towns a query finds, not yet chosen (the decision lives in the model).
fn results(query: &str, applicant: &str, chosen: &[TownRef]) -> Vec<&'static Town> {
    let codes: Vec<&str> = chosen
        .iter()
        .filter_map(|c| match c {
            TownRef::Listed { code } => Some(code.as_str()),
            TownRef::Custom { .. } => None,
        })
        .collect();
    divisions().choices(query, applicant, &codes, MAX_RESULTS)
}

fn option_id(town: &Town) -> String {
    format!("town-option-{}", town.code)
}

#[component]
pub fn TownPicker(state: FormState) -> impl IntoView {
    let field = FieldId::Towns;
    let towns = state.select(|d| d.towns.clone());
    let applicant = state.select(|d| d.applicant.clone());
    let problems = state.shown_problems(field);
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    // The highlighted option; none until the user moves with the arrow keys.
    let active = RwSignal::new(None::<usize>);
    let announcement = RwSignal::new(String::new());

    let found = Memo::new(move |_| {
        query.with(|q| applicant.with(|a| towns.with(|chosen| results(q, a, chosen))))
    });
    // Keep the highlighted option visible as the arrow keys move through a long list.
    Effect::new(move |_| {
        if let Some(id) = active
            .get()
            .and_then(|i| found.with(|f| f.get(i).map(|t| option_id(t))))
        {
            crate::browser::scroll_into_view_nearest(&id);
        }
    });

    let add = move |town: &'static Town| {
        let entry = TownRef::Listed {
            code: town.code.to_string(),
        };
        let display = entry.display();
        let mut added = false;
        state.edit(|d| added = d.add_town(entry));
        announcement.set(if added {
            format!("已添加 {display}")
        } else {
            format!("{display} 已在列表中")
        });
        // The list closes after a choice, so it never covers the next section.
        query.set(String::new());
        active.set(None);
        open.set(false);
    };

    let combobox = Combobox {
        query,
        open,
        active,
        found,
        add,
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| combobox.keydown(&ev);

    view! {
        <FieldFrame
            field
            problems
            class="field town-picker"
            hint=Some(
                "两个及以上。输入名称搜索（如“富春江”），用 ↓ ↑ 选择、回车添加；未输入时列出申报单位辖内的乡镇（街道）。"
                    .into(),
            )
        >
            <p class="chosen-count" id="town-count">
                {move || match towns.with(Vec::len) {
                    0 => "尚未选择乡镇（街道）".to_string(),
                    n => format!("已选 {n} 个："),
                }}
            </p>
            <TownChips state towns announcement />
            <div class="combobox">
                <input
                    id=field.dom_id()
                    type="text"
                    class="input"
                    role="combobox"
                    autocomplete="off"
                    aria-autocomplete="list"
                    aria-controls=LISTBOX_ID
                    aria-expanded=move || if combobox.expanded() { "true" } else { "false" }
                    aria-activedescendant=move || {
                        if combobox.expanded() {
                            active
                                .get()
                                .and_then(|i| found.with(|f| f.get(i).map(|t| option_id(t))))
                        } else {
                            None
                        }
                    }
                    aria-invalid=invalid(problems)
                    aria-describedby=format!("{} {}", hint_id(field), field.message_id())
                    placeholder="搜索乡镇（街道）名称"
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        active.set(None);
                        open.set(true);
                    }
                    on:focus=move |_| open.set(true)
                    on:click=move |_| open.set(true)
                    on:blur=move |_| {
                        open.set(false);
                        state.touch(field);
                    }
                    on:keydown=on_keydown
                />
                <TownResults found active expanded=Signal::derive(move || combobox.expanded()) add />
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">
                {move || announcement.get()}
            </p>
            <CustomTownForm state announcement />
        </FieldFrame>
    }
}

/// The search box's state, for its keys: ↓/↑ move through the results, Enter adds, Esc closes
/// (or, when closed, clears the query). `Copy`.
#[derive(Clone, Copy)]
struct Combobox<A> {
    query: RwSignal<String>,
    open: RwSignal<bool>,
    active: RwSignal<Option<usize>>,
    found: Memo<Vec<&'static Town>>,
    add: A,
}

impl<A: Fn(&'static Town) + Copy> Combobox<A> {
    fn expanded(self) -> bool {
        self.open.get() && !self.found.with(Vec::is_empty)
    }

    fn keydown(self, ev: &leptos::ev::KeyboardEvent) {
        let count = self.found.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                self.open.set(true);
                if count > 0 {
                    self.active.set(Some(match self.active.get_untracked() {
                        Some(i) => (i + 1) % count,
                        None => 0,
                    }));
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                self.open.set(true);
                if count > 0 {
                    self.active.set(Some(match self.active.get_untracked() {
                        Some(i) => (i + count - 1) % count,
                        None => count - 1,
                    }));
                }
            }
            "Enter" if self.expanded() => {
                // Enter adds the highlighted town, or the first one found.
                ev.prevent_default();
                let index = self.active.get_untracked().unwrap_or(0);
                let chosen = self.found.with(|f| f.get(index).copied());
                if let Some(town) = chosen {
                    (self.add)(town);
                }
            }
            "Escape" => {
                if self.open.get_untracked() {
                    ev.prevent_default();
                    self.open.set(false);
                } else {
                    self.query.set(String::new());
                }
            }
            _ => {}
        }
    }
}

/// The towns found, grouped by county-level unit: the combobox's listbox while it is open.
#[component]
fn TownResults<A>(
    found: Memo<Vec<&'static Town>>,
    active: RwSignal<Option<usize>>,
    expanded: Signal<bool>,
    add: A,
) -> impl IntoView
where
    A: Fn(&'static Town) + Copy + Send + Sync + 'static,
{
    move || {
        if !expanded.get() {
            return None;
        }
        let data = divisions();
        let list = found.get();
        let mut groups: Vec<(&'static str, Vec<(usize, &'static Town)>)> = Vec::new();
        for (i, town) in list.iter().enumerate() {
            match groups.last_mut() {
                Some((county, items)) if *county == town.county_code => items.push((i, town)),
                _ => groups.push((town.county_code, vec![(i, town)])),
            }
        }
        let groups = groups
            .into_iter()
            .map(|(county_code, items)| {
                let heading = match data.county(county_code) {
                    Some(c) if c.city_code == HANGZHOU_CITY_CODE => c.name.to_string(),
                    Some(c) => c.full_name(),
                    None => county_code.to_string(),
                };
                let group_id = format!("town-group-{county_code}");
                let options = items
                    .into_iter()
                    .map(|(i, town)| {
                        view! {
                            <li
                                id=option_id(town)
                                role="option"
                                class="town-option"
                                class:active=move || active.get() == Some(i)
                                aria-selected=move || {
                                    if active.get() == Some(i) { "true" } else { "false" }
                                }
                                on:mousedown=move |ev| ev.prevent_default()
                                on:click=move |_| add(town)
                            >
                                {town.name}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li role="presentation" class="town-group">
                        <div class="town-group-heading" id=group_id.clone() role="presentation">
                            {heading}
                        </div>
                        <ul role="group" aria-labelledby=group_id>{options}</ul>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <ul id=LISTBOX_ID role="listbox" class="town-results" aria-label="可选乡镇（街道）">
                {groups}
            </ul>
        })
    }
}

/// The chosen towns as removable chips, the hand-added ones marked.
#[component]
fn TownChips(
    state: FormState,
    towns: Memo<Vec<TownRef>>,
    announcement: RwSignal<String>,
) -> impl IntoView {
    let field = FieldId::Towns;
    let chips = move || {
        towns
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, town)| {
                let display = town.display();
                let custom = town.is_custom();
                let remove_label = format!("移除 {display}");
                view! {
                    <li class="chip" class:chip-custom=custom>
                        <span class="chip-text">{display.clone()}</span>
                        {custom
                            .then(|| {
                                view! {
                                    <span class="chip-tag" title="不在区划名单中，手动添加">
                                        "手动添加"
                                    </span>
                                }
                            })}
                        <button
                            type="button"
                            class="chip-remove"
                            aria-label=remove_label
                            on:click=move |_| {
                                state.edit(|d| {
                                    if index < d.towns.len() {
                                        d.towns.remove(index);
                                    }
                                });
                                announcement.set(format!("已移除 {display}"));
                                crate::browser::focus_element(&field.dom_id());
                            }
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! { <ul class="chips" aria-labelledby="town-count">{chips}</ul> }
}

/// Where a hand-added town lies: a Zhejiang county code, or outside Zhejiang.
const OUTSIDE: &str = "outside";

/// Adds a town that the division list lacks, clearly marked as such.
#[component]
fn CustomTownForm(state: FormState, announcement: RwSignal<String>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let county = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The 90 county options are built when the form is first opened, not at start-up.
    let opened = RwSignal::new(false);
    let county_options = move || {
        let data = divisions();
        data.cities()
            .iter()
            .map(|city| {
                let counties: Vec<_> = if city.code == HANGZHOU_CITY_CODE {
                    data.hangzhou_counties()
                } else {
                    data.counties_of(city.code).collect()
                };
                let options = counties
                    .into_iter()
                    .map(|c| view! { <option value=c.code>{c.name}</option> })
                    .collect_view();
                view! { <optgroup label=city.name>{options}</optgroup> }
            })
            .collect_view()
    };

    let add = move || {
        let where_code = county.get_untracked();
        let chosen = (where_code != OUTSIDE).then_some(where_code.as_str());
        let entry = match new_custom_town(&name.get_untracked(), chosen, &place.get_untracked()) {
            Ok(entry) => entry,
            Err((input, message)) => {
                error.set(Some(message));
                crate::browser::focus_element(match input {
                    CustomTownInput::Name => "custom-town-name",
                    CustomTownInput::County => "custom-town-county",
                    CustomTownInput::Place => "custom-town-place",
                });
                return;
            }
        };
        let display = entry.display();
        let mut added = false;
        state.edit(|d| added = d.add_town(entry));
        if added {
            announcement.set(format!("已手动添加 {display}"));
            name.set(String::new());
            place.set(String::new());
            error.set(None);
        } else {
            error.set(Some(format!("{display} 已在列表中")));
        }
    };

    view! {
        <details class="custom-town" on:toggle=move |_| opened.set(true)>
            <summary>"名单中没有？手动添加乡镇（街道）"</summary>
            <p class="field-hint">
                "仅在区划名单中找不到时使用（如新设或更名的乡镇）。手动添加的乡镇会标明“手动添加”。"
            </p>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="error-message" id="custom-town-error">
                                <span class="visually-hidden">"错误："</span>
                                {e}
                            </p>
                        }
                    })
            }}
            <div class="custom-town-grid">
                <PlainInput
                    id="custom-town-name"
                    label="手动添加的乡镇（街道）名称"
                    value=name
                    autocomplete="off"
                    on_enter=move |()| add()
                />
                <div class="field">
                    <label class="field-label" for="custom-town-county">"所属县（市、区）"</label>
                    <select
                        id="custom-town-county"
                        class="select"
                        prop:value=move || county.get()
                        on:change=move |ev| county.set(event_target_value(&ev))
                    >
                        <option value="">"请选择"</option>
                        {move || opened.get().then(county_options)}
                        <option value=OUTSIDE>"浙江省外"</option>
                    </select>
                </div>
                {move || {
                    (county.get() == OUTSIDE)
                        .then(|| {
                            view! {
                                <PlainInput
                                    id="custom-town-place"
                                    label="所在省、市、县"
                                    value=place
                                    placeholder="如：安徽省黄山市歙县"
                                />
                            }
                        })
                }}
            </div>
            <button
                type="button"
                class="button button-secondary"
                on:click=move |_| add()
            >
                "添加"
            </button>
        </details>
    }
}
