//! Tests of `model::field`: unique labels and DOM ids, the order of the paper form, and each
//! text field read and written through its id.

use super::*;
use std::collections::HashSet;

#[test]
fn labels_and_ids_are_unique() {
    let all = FieldId::ALL.to_vec();
    let labels: HashSet<String> = all.iter().map(|f| f.label()).collect();
    let ids: HashSet<String> = all.iter().map(|f| f.dom_id()).collect();
    assert_eq!(labels.len(), all.len());
    assert_eq!(ids.len(), all.len());
}

#[test]
fn all_is_in_form_order() {
    let mut sorted = FieldId::ALL.to_vec();
    sorted.sort();
    assert_eq!(sorted, FieldId::ALL.to_vec());
    let required: Vec<FieldId> = FieldId::ALL
        .into_iter()
        .filter(|f| f.is_required())
        .collect();
    assert_eq!(required, FieldId::REQUIRED.to_vec());
}

#[test]
fn every_text_field_reads_and_writes_its_own_text() {
    let all = FieldId::ALL.to_vec();
    let mut d = Declaration::default();
    for field in &all {
        if let Some(text) = d.text_mut(*field) {
            *text = field.dom_id();
        }
    }
    for field in &all {
        match field {
            FieldId::Towns | FieldId::CreationType | FieldId::Scope => {
                assert_eq!(d.text(*field), None)
            }
            _ => assert_eq!(d.text(*field), Some(field.dom_id().as_str())),
        }
    }
    assert_eq!(d.contact.phone, "field-contact-phone");
}

#[test]
fn person_labels_name_the_role() {
    assert_eq!(
        FieldId::Person(Role::Coordinator, PersonField::Unit).label(),
        "总协调人 所在单位"
    );
    assert_eq!(
        FieldId::Person(Role::Contact, PersonField::Phone).label(),
        "具体联系人 联系电话"
    );
}

#[test]
fn fields_are_their_page_ids_in_json() {
    for field in FieldId::ALL {
        let json = serde_json::to_string(&field).unwrap();
        assert_eq!(json, format!("\"{}\"", field.dom_id()));
        assert_eq!(serde_json::from_str::<FieldId>(&json).unwrap(), field);
    }
    assert!(serde_json::from_str::<FieldId>("\"field-nothing\"").is_err());
}
