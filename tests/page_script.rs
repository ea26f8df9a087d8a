//! index.html's one script in `<head>` names the storage keys the app restores from: the draft
//! records and the hand-over (`model::storage`), so that renaming either cannot leave a repeat
//! visit unheld.

use meizhen_shenbao::model::storage::{DRAFT_PREFIX, HANDOFF_KEY};

fn head_script() -> String {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html"))
        .unwrap_or_default();
    let head = html.split("</head>").next().unwrap_or_default();
    let scripts: Vec<&str> = head
        .split("<script>")
        .skip(1)
        .filter_map(|s| s.split("</script>").next())
        .collect();
    assert_eq!(
        scripts.len(),
        1,
        "index.html has one inline script in <head>"
    );
    scripts[0].to_string()
}

#[test]
fn the_head_script_holds_the_form_for_the_keys_the_app_restores_from() {
    let script = head_script();
    for (key, store) in [
        (DRAFT_PREFIX, "localStorage"),
        (HANDOFF_KEY, "sessionStorage"),
    ] {
        assert!(
            script.contains(&format!("'{key}'")),
            "the script names {key}"
        );
        assert!(script.contains(store), "the script reads {store}");
    }
    assert!(script.contains("' js'") && script.contains("' restoring'"));
    // A few ES5 lines: no arrow functions, let/const or template strings (any browser runs it,
    // the ones the app refuses included).
    for modern in ["=>", "let ", "const ", "`"] {
        assert!(!script.contains(modern), "ES5 only: {modern}");
    }
    assert!(script.len() < 400, "kept short: {} bytes", script.len());
}
