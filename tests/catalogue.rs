//! The catalogue of messages (src/catalogue/en.ftl) against the code that
//! raises them: the file parses, each id is there once, every `msg!("id", …)`
//! in src/ names an entry that exists and gives every fact its words use, and
//! no entry is left that nothing raises.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// Every message id in the catalogue (`entry`, `entry.attribute`) with the
/// facts (`$name`) its words use.
fn catalogue() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string("src/catalogue/en.ftl").expect("the catalogue");
    let resource = fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(_, errors)| {
        panic!("src/catalogue/en.ftl does not parse: {errors:?}");
    });
    let mut ids = BTreeMap::new();
    for entry in resource.body {
        let Entry::Message(message) = entry else { continue };
        let name = message.id.name.to_string();
        if let Some(value) = &message.value {
            assert!(ids.insert(name.clone(), variables(value)).is_none(), "`{name}` is in the catalogue twice");
        }
        for attribute in &message.attributes {
            let id = format!("{name}.{}", attribute.id.name);
            assert!(ids.insert(id.clone(), variables(&attribute.value)).is_none(), "`{id}` is in the catalogue twice");
        }
    }
    ids
}

fn variables(pattern: &Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, &mut found);
        }
    }
    found
}

fn expression_variables(expression: &Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, found),
        Expression::Select { selector, variants } => {
            inline_variables(selector, found);
            for variant in variants {
                found.extend(variables(&variant.value));
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, found),
        _ => {}
    }
}

/// Every `msg!("id", name = …, …)` in the Rust files under `folder`, before
/// their tests: the id, the facts given, and where.
fn raised(folder: &Path, out: &mut Vec<(String, BTreeSet<String>, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(folder).expect("a folder").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            raised(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let whole = std::fs::read_to_string(&path).expect("source");
            // What the tests at the end of a file word is not raised by gd.
            let text = whole.split("#[cfg(test)]").next().unwrap_or_default();
            for (at, _) in text.match_indices("msg!(") {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                if text[line_start..at].trim_start().starts_with("//") {
                    continue;
                }
                let Some(call) = text[at + 5..].trim_start().strip_prefix('"') else { continue };
                let id_end = call.find('"').expect("a closed id");
                let facts = top_level_facts(&call[id_end + 1..]);
                let line = text[..at].lines().count() + 1;
                out.push((call[..id_end].to_string(), facts, format!("{}:{line}", path.display())));
            }
        }
    }
}

/// The names before `=` at the top level of a `msg!` call's arguments.
fn top_level_facts(after_id: &str) -> BTreeSet<String> {
    let mut facts = BTreeSet::new();
    let mut depth = 0;
    let mut argument = String::new();
    let mut in_string = false;
    let mut finish = |argument: &mut String| {
        if let Some((name, _)) = argument.split_once('=') {
            let name = name.trim();
            if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                facts.insert(name.to_string());
            }
        }
        argument.clear();
    };
    let mut previous = ' ';
    for c in after_id.chars() {
        if in_string {
            if c == '"' && previous != '\\' {
                in_string = false;
            }
        } else {
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => break,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => finish(&mut argument),
                _ => {}
            }
        }
        if !(depth == 0 && c == ',' && !in_string) {
            argument.push(c);
        }
        previous = c;
    }
    finish(&mut argument);
    facts
}

#[test]
fn every_message_raised_is_in_the_catalogue_with_its_facts() {
    let catalogue = catalogue();
    let mut calls = Vec::new();
    raised(Path::new("src"), &mut calls);
    assert!(calls.len() > 300, "only {} msg! calls found: the scan is broken", calls.len());
    let mut problems = Vec::new();
    for (id, facts, place) in &calls {
        match catalogue.get(id) {
            None => problems.push(format!("{place}: `{id}` is not in the catalogue")),
            Some(needed) => {
                // A list `NAME` also gives its length as `NAME_count`.
                let given: BTreeSet<String> =
                    facts.iter().cloned().chain(facts.iter().map(|fact| format!("{fact}_count"))).collect();
                for missing in needed.difference(&given) {
                    problems.push(format!("{place}: `{id}` words ${missing}, which is not given"));
                }
                let used: BTreeSet<String> = needed.iter().map(|n| n.trim_end_matches("_count").to_string()).collect();
                for unused in facts.difference(&used) {
                    problems.push(format!("{place}: `{id}` is given {unused}, which its words do not use"));
                }
            }
        }
    }
    let used: BTreeSet<&str> = calls.iter().map(|(id, ..)| id.as_str()).collect();
    let fixed = ["list-separator", "list-or"];
    for id in catalogue.keys() {
        if !used.contains(id.as_str()) && !fixed.contains(&id.as_str()) {
            problems.push(format!("`{id}` is in the catalogue, but nothing raises it"));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_scan_reads_facts_at_the_top_level_only() {
    let facts = top_level_facts(r#", name = f(a, b = 2), count = xs.len(), text = "x, y = z")"#);
    assert_eq!(facts, BTreeSet::from(["name".to_string(), "count".to_string(), "text".to_string()]));
}
