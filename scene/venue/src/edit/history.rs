//! Undo and redo: each edit kept as the one stretch of text it replaced, so stepping
//! back gives the text before it byte for byte, and a long session stays small.

/// One edit: at byte `at`, `before` became `after`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Step {
    description: String,
    at: usize,
    before: String,
    after: String,
}

impl Step {
    /// The stretch where `old` and `new` differ, between their common start and end.
    fn between(description: String, old: &str, new: &str) -> Self {
        let mut start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
        while !(old.is_char_boundary(start) && new.is_char_boundary(start)) {
            start -= 1;
        }
        let room = old.len().min(new.len()) - start;
        let mut end = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        while !(old.is_char_boundary(old.len() - end) && new.is_char_boundary(new.len() - end)) {
            end -= 1;
        }
        Step {
            description,
            at: start,
            before: old[start..old.len() - end].to_owned(),
            after: new[start..new.len() - end].to_owned(),
        }
    }

    /// `text` (which has `from` at `at`) with `to` there instead.
    fn splice(&self, text: &str, from: &str, to: &str) -> String {
        let mut out = String::with_capacity(text.len() - from.len() + to.len());
        out.push_str(&text[..self.at]);
        out.push_str(to);
        out.push_str(&text[self.at + from.len()..]);
        out
    }
}

/// The edits done and undone while a venue is open.
#[derive(Clone, Debug, Default)]
pub(crate) struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl History {
    /// Records an edit from `old` to `new`; what was undone can no longer be redone.
    pub fn record(&mut self, description: String, old: &str, new: &str) {
        self.undone.clear();
        self.done.push(Step::between(description, old, new));
    }

    /// The text before the last edit, and that edit's description.
    pub fn undo_text(&self, text: &str) -> Option<(String, &str)> {
        let step = self.done.last()?;
        Some((step.splice(text, &step.after, &step.before), &step.description))
    }

    /// The text after the last undone edit, and that edit's description.
    pub fn redo_text(&self, text: &str) -> Option<(String, &str)> {
        let step = self.undone.last()?;
        Some((step.splice(text, &step.before, &step.after), &step.description))
    }

    /// Moves the last edit to the undone ones (once its text is in place).
    pub fn undone(&mut self) {
        if let Some(step) = self.done.pop() {
            self.undone.push(step);
        }
    }

    /// Moves the last undone edit back to the done ones.
    pub fn redone(&mut self) {
        if let Some(step) = self.undone.pop() {
            self.done.push(step);
        }
    }

    /// Joins the last `count` edits (`text` being the text after them) into one step
    /// described as `description`; `false`, and nothing changes, when fewer than
    /// `count` are done or `count` is under 2.
    pub fn join(&mut self, count: usize, description: &str, text: &str) -> bool {
        if count < 2 || self.done.len() < count {
            return false;
        }
        let mut before = text.to_owned();
        for step in self.done.iter().rev().take(count) {
            before = step.splice(&before, &step.after, &step.before);
        }
        self.done.truncate(self.done.len() - count);
        self.done
            .push(Step::between(description.to_owned(), &before, text));
        true
    }

    /// The descriptions of the edits that can be undone, oldest first.
    pub fn done(&self) -> impl Iterator<Item = &str> {
        self.done.iter().map(|s| s.description.as_str())
    }

    /// The descriptions of the edits that can be redone, the next first.
    pub fn undone_descriptions(&self) -> impl Iterator<Item = &str> {
        self.undone.iter().rev().map(|s| s.description.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_holds_only_the_stretch_that_changed() {
        let step = Step::between(
            "e".into(),
            "offset = 2.5\nwidth = 1\n",
            "offset = 3.5\nwidth = 1\n",
        );
        assert_eq!(
            (step.at, step.before.as_str(), step.after.as_str()),
            (9, "2", "3")
        );
        // Multi-byte characters are never split.
        let step = Step::between("e".into(), "title = \"é\"", "title = \"è\"");
        assert_eq!((step.before.as_str(), step.after.as_str()), ("é", "è"));
        // A repeated run is not counted twice at both ends.
        let step = Step::between("e".into(), "aa", "aaa");
        assert_eq!((step.at, step.before.as_str(), step.after.as_str()), (2, "", "a"));
    }

    #[test]
    fn joined_edits_are_undone_and_redone_as_one() {
        let texts = ["a = 1\n", "a = 1\nb = 2\n", "a = 3\nb = 2\n", "a = 3\nb = 4\n"];
        let mut history = History::default();
        for pair in texts.windows(2) {
            history.record("step".into(), pair[0], pair[1]);
        }
        assert!(!history.join(4, "too many", texts[3]));
        assert!(!history.join(1, "too few", texts[3]));
        assert!(history.join(2, "both", texts[3]));
        assert_eq!(history.done().collect::<Vec<_>>(), ["step", "both"]);
        let (before, description) = history.undo_text(texts[3]).unwrap_or_default();
        assert_eq!((before.as_str(), description), (texts[1], "both"));
        history.undone();
        let (after, _) = history.redo_text(texts[1]).unwrap_or_default();
        assert_eq!(after, texts[3]);
    }

    #[test]
    fn undo_and_redo_give_back_each_text_exactly() {
        let texts = [
            "a = 1\n",
            "a = 1\nb = \"ü\"\n",
            "a = 22\nb = \"ü\"\n",
            "b = \"ü\"\n",
        ];
        let mut history = History::default();
        for pair in texts.windows(2) {
            history.record(format!("to {:?}", pair[1]), pair[0], pair[1]);
        }
        let mut text = texts[3].to_owned();
        for expected in texts[..3].iter().rev() {
            let (before, _) = history.undo_text(&text).unwrap_or_default();
            assert_eq!(before, *expected);
            history.undone();
            text = before;
        }
        assert!(history.undo_text(&text).is_none());
        for expected in &texts[1..] {
            let (after, _) = history.redo_text(&text).unwrap_or_default();
            assert_eq!(after, *expected);
            history.redone();
            text = after;
        }
        assert!(history.redo_text(&text).is_none());
        assert_eq!(history.done().count(), 3);
    }
}
