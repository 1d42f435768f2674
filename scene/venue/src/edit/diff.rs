//! The lines an edit changed, as a unified diff without context lines: what
//! `museion edit --dry-run` prints, and what a person reads before saving.

/// Past this many changed lines the diff stops looking for lines kept between
/// changes and shows the whole changed stretch as one hunk (the search's memory grows
/// with the square of the changes).
const MAX_CHANGES: usize = 500;

/// One line of an edit script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Keep,
    Remove,
    Add,
}

/// The unified diff of `old` and `new` with no context lines, under a header naming
/// `name`; empty when they are equal.
pub(crate) fn unified(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = script(&a, &b);
    let mut out = format!("--- {name}\n+++ {name} (edited)\n");
    let (mut i, mut j, mut k) = (0, 0, 0);
    while k < ops.len() {
        if ops[k] == Op::Keep {
            i += 1;
            j += 1;
            k += 1;
            continue;
        }
        let start = k;
        while k < ops.len() && ops[k] != Op::Keep {
            k += 1;
        }
        let removed = ops[start..k].iter().filter(|o| **o == Op::Remove).count();
        let added = k - start - removed;
        out.push_str(&format!("@@ -{} +{} @@\n", range(i, removed), range(j, added)));
        for line in &a[i..i + removed] {
            out.push_str(&format!("-{line}\n"));
        }
        for line in &b[j..j + added] {
            out.push_str(&format!("+{line}\n"));
        }
        i += removed;
        j += added;
    }
    out
}

/// A hunk's range in unified-diff form: `start,count` from line 1 (`start` is the line
/// before, for an empty range).
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        n => format!("{},{n}", start + 1),
    }
}

/// The shortest edit script from `a` to `b` (Myers' algorithm), removals before
/// additions within each changed stretch.
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let middle = myers(a_mid, b_mid).unwrap_or_else(|| {
        let mut ops = vec![Op::Remove; a_mid.len()];
        ops.resize(a_mid.len() + b_mid.len(), Op::Add);
        ops
    });
    let mut ops = vec![Op::Keep; prefix];
    ops.extend(middle);
    ops.extend(std::iter::repeat_n(Op::Keep, suffix));
    ops
}

/// Myers' greedy forward search with its trace kept for the walk back; `None` when the
/// two differ in more than [`MAX_CHANGES`] lines.
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let bound = (a.len() + b.len()).min(MAX_CHANGES);
    let offset = bound as isize + 1;
    let mut v = vec![0isize; 2 * bound + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=bound as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let down = k == -d || (k != d && v[(offset + k - 1) as usize] < v[(offset + k + 1) as usize]);
            let mut x = if down {
                v[(offset + k + 1) as usize]
            } else {
                v[(offset + k - 1) as usize] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(offset + k) as usize] = x;
            if x >= n && y >= m {
                return Some(walk_back(&trace, offset, n, m));
            }
            k += 2;
        }
    }
    None
}

/// The script read back from the trace, from the end to the start.
fn walk_back(trace: &[Vec<isize>], offset: isize, n: isize, m: isize) -> Vec<Op> {
    let (mut x, mut y) = (n, m);
    let mut ops = Vec::new();
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let k = x - y;
        let down = k == -d || (k != d && v[(offset + k - 1) as usize] < v[(offset + k + 1) as usize]);
        let previous_k = if down { k + 1 } else { k - 1 };
        let previous_x = v[(offset + previous_k) as usize];
        let previous_y = previous_x - previous_k;
        while x > previous_x && y > previous_y {
            ops.push(Op::Keep);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            ops.push(if down { Op::Add } else { Op::Remove });
        }
        x = previous_x;
        y = previous_y;
    }
    ops.reverse();
    // Within a changed stretch, removals first, as diffs show them.
    let mut start = 0;
    while start < ops.len() {
        if ops[start] == Op::Keep {
            start += 1;
            continue;
        }
        let end = start + ops[start..].iter().take_while(|o| **o != Op::Keep).count();
        ops[start..end].sort_by_key(|o| *o == Op::Add);
        start = end;
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_is_one_hunk_without_context() {
        let old = "a = 1\nb = 2\nc = 3\n";
        let new = "a = 1\nb = 20\nc = 3\n";
        assert_eq!(
            unified("v.toml", old, new),
            "--- v.toml\n+++ v.toml (edited)\n@@ -2 +2 @@\n-b = 2\n+b = 20\n"
        );
        assert_eq!(unified("v.toml", old, old), "");
    }

    #[test]
    fn separate_changes_are_separate_hunks_and_additions_say_where() {
        let old = "a\nb\nc\nd\ne\n";
        let new = "A\nb\nc\nd\ne\nf\ng\n";
        assert_eq!(
            unified("v", old, new),
            "--- v\n+++ v (edited)\n@@ -1 +1 @@\n-a\n+A\n@@ -5,0 +6,2 @@\n+f\n+g\n"
        );
        let removed = unified("v", "a\nb\nc\n", "a\nc\n");
        assert!(removed.ends_with("@@ -2 +1,0 @@\n-b\n"), "{removed}");
    }

    #[test]
    fn scripts_turn_one_text_into_the_other() {
        let cases = [
            ("", "x\ny"),
            ("x\ny", ""),
            ("a\nb\nc\na\nb\nb\na", "c\nb\na\nb\na\nc"),
            ("k\n1\nk\n2\nk", "k\n2\nk\n1\nk\n3"),
        ];
        for (old, new) in cases {
            let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
            let ops = script(&a, &b);
            let (mut i, mut j, mut rebuilt) = (0, 0, Vec::new());
            for op in &ops {
                match op {
                    Op::Keep => {
                        assert_eq!(a[i], b[j]);
                        rebuilt.push(a[i]);
                        i += 1;
                        j += 1;
                    }
                    Op::Remove => i += 1,
                    Op::Add => {
                        rebuilt.push(b[j]);
                        j += 1;
                    }
                }
            }
            assert_eq!(
                (i, j, rebuilt),
                (a.len(), b.len(), b.clone()),
                "{old:?} → {new:?}"
            );
        }
        // The classic example needs 5 changes, not 13.
        let (a, b) = (
            ["a", "b", "c", "a", "b", "b", "a"],
            ["c", "b", "a", "b", "a", "c"],
        );
        assert_eq!(script(&a, &b).iter().filter(|o| **o != Op::Keep).count(), 5);
    }
}
