//! Property tests: the loader and the position index never panic, whatever the input, and what
//! loads saves and reloads unchanged.

use proptest::prelude::*;
use serde_json::{Map, Value};

use schemata_model::spans::{SpanIndex, escape_segment};
use schemata_model::{load_bytes, load_str, to_json};

/// Strings with the characters that tend to break things.
fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z_]{0,12}",
        Just(String::new()),
        Just("~/~0~1/".to_string()),
        Just("\u{0}\u{7}\t\n\r".to_string()),
        Just("\u{feff}\u{200b}\u{202e}abc\u{202c}".to_string()),
        Just("😀👩‍💻é\u{301}日本".to_string()),
        Just("\"\\".to_string()),
        prop::sample::select(vec![
            "id",
            "name",
            "type",
            "columns",
            "tables",
            "format",
            "references"
        ])
        .prop_map(str::to_string),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        odd_string().prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((odd_string(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// JSON text built by hand, so that it can hold numbers no `f64` holds.
fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("123456789012345678901234567890".to_string()),
        Just("-1e999".to_string()),
        Just("-0".to_string()),
        Just("4294967297".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        odd_string().prop_map(|s| Value::from(s).to_string()),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((odd_string(), inner), 0..6).prop_map(|kv| {
                let members: Vec<String> = kv
                    .into_iter()
                    .map(|(k, v)| format!("{}: {v}", Value::from(k)))
                    .collect();
                format!("{{{}}}", members.join(",\n"))
            }),
        ]
    })
}

fn shop() -> Value {
    let text = include_str!("fixtures/shop.schemata.json");
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// Every pointer of `v`, with the value there.
fn pointers(v: &Value, prefix: String, out: &mut Vec<(String, Value)>) {
    out.push((prefix.clone(), v.clone()));
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{prefix}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                pointers(item, format!("{prefix}/{}", escape_segment(k)), out);
            }
        }
        _ => {}
    }
}

/// One change to a valid design.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Rename(usize, String),
    Replace(usize, Value),
    Duplicate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), odd_string()).prop_map(|(i, s)| Mutation::Rename(i, s)),
        (any::<usize>(), json_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        any::<usize>().prop_map(Mutation::Duplicate),
    ]
}

fn apply(doc: &mut Value, m: &Mutation) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let pick = |i: usize| all[1 + i % (all.len() - 1)].0.clone();
    let (target, parent_and_key) = match m {
        Mutation::Delete(i)
        | Mutation::Rename(i, _)
        | Mutation::Replace(i, _)
        | Mutation::Duplicate(i) => {
            let p = pick(*i);
            let split = p
                .rsplit_once('/')
                .map(|(a, b)| (a.to_string(), b.to_string()));
            (p, split)
        }
    };
    let Some((parent, key)) = parent_and_key else {
        return;
    };
    let key = key.replace("~1", "/").replace("~0", "~");
    match m {
        Mutation::Replace(_, v) => {
            if let Some(slot) = doc.pointer_mut(&target) {
                *slot = v.clone();
            }
        }
        _ => match doc.pointer_mut(&parent) {
            Some(Value::Object(map)) => {
                let old = map.shift_remove(&key);
                match (m, old) {
                    (Mutation::Rename(_, new), Some(v)) => {
                        map.insert(new.clone(), v);
                    }
                    (Mutation::Duplicate(_), Some(v)) => {
                        map.insert(key.clone(), v.clone());
                        map.insert(format!("{key}_copy"), v);
                    }
                    _ => {}
                }
            }
            Some(Value::Array(items)) => {
                let Ok(i) = key.parse::<usize>() else { return };
                if i >= items.len() {
                    return;
                }
                match m {
                    Mutation::Duplicate(_) => {
                        let copy = items[i].clone();
                        items.insert(i, copy);
                    }
                    _ => {
                        items.remove(i);
                    }
                }
            }
            _ => {}
        },
    }
}

/// Whatever loads must save and reload to the same design, without structural problems.
fn assert_round_trip(text: &str) -> Result<(), TestCaseError> {
    let loaded = load_str(text);
    for d in &loaded.diagnostics {
        prop_assert!(d.path.is_some(), "no path: {d:?}");
        prop_assert!(d.location.is_some(), "no location: {d:?}");
    }
    if let Some(design) = loaded.design {
        let saved = to_json(&design);
        let again = load_str(&saved);
        let structural: Vec<_> = again
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('F'))
            .collect();
        prop_assert!(structural.is_empty(), "{structural:?}\n{saved}");
        prop_assert_eq!(again.design.as_ref(), Some(&design));
        prop_assert_eq!(again.design.map(|d| to_json(&d)), Some(saved));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = load_bytes(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        let _ = SpanIndex::build(&text);
        assert_round_trip(&text)?;
    }

    #[test]
    fn random_json_never_panics(text in json_text()) {
        assert_round_trip(&text)?;
        assert_round_trip(&format!("{{\"format\": 1, \"tables\": {text}}}"))?;
        assert_round_trip(&format!("{{\"format\": 1, \"tables\": [{{\"name\": \"t\", \"columns\": [{text}]}}]}}"))?;
    }

    #[test]
    fn random_values_never_panic(v in json_value()) {
        assert_round_trip(&v.to_string())?;
        let design = serde_json::json!({"format": 1, "tables": [v.clone()], "layout": {"tables": v}});
        assert_round_trip(&design.to_string())?;
    }

    #[test]
    fn mutated_designs_never_panic(ms in prop::collection::vec(mutation(), 1..6), pretty in any::<bool>()) {
        let mut doc = shop();
        for m in &ms {
            apply(&mut doc, m);
        }
        let text = if pretty {
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        } else {
            doc.to_string()
        };
        assert_round_trip(&text)?;
    }

    /// Every value of valid JSON is indexed, at the character where its text starts.
    #[test]
    fn spans_point_at_values(v in json_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }
            .unwrap_or_default();
        let index = SpanIndex::build(&text);
        prop_assert!(index.is_complete());
        let lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
        let mut all = Vec::new();
        pointers(&v, String::new(), &mut all);
        for (pointer, value) in all {
            let span = index.get(&pointer);
            prop_assert!(span.is_some(), "{pointer} not indexed in {text}");
            let at = span.map(|s| s.value).unwrap_or(schemata_model::Location { line: 0, column: 0 });
            let c = lines
                .get(at.line as usize - 1)
                .and_then(|l| l.get(at.column as usize - 1))
                .copied();
            let expected = match value {
                Value::Null => 'n',
                Value::Bool(true) => 't',
                Value::Bool(false) => 'f',
                Value::Number(n) => n.to_string().chars().next().unwrap_or('?'),
                Value::String(_) => '"',
                Value::Array(_) => '[',
                Value::Object(_) => '{',
            };
            prop_assert_eq!(c, Some(expected), "{} at {:?} in {}", pointer, at, text);
        }
    }
}
