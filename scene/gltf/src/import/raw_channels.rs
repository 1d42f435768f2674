//! Animation channels the typed glTF model cannot hold, taken out of the JSON before it
//! is parsed: `KHR_animation_pointer` channels (their target has no `node`, which the
//! model requires, and the model drops the target's `extensions`), and other channels
//! without a target node (they animate through an extension Museion does not know).

use super::Warning;
use crate::pointer::EXTENSION;
use serde_json::Value;

/// A `KHR_animation_pointer` channel as the file gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PointerChannelJson {
    /// Its index among the animation's channels in the file.
    pub index: usize,
    /// `sampler`, when it is a non-negative integer.
    pub sampler: Option<u64>,
    /// `target.extensions.KHR_animation_pointer.pointer`, when it is a string.
    pub pointer: Option<String>,
}

/// What was taken out of one animation's channels.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TakenChannels {
    /// The file's index of every channel taken out, pointer channels included, in
    /// increasing order. The typed model's channels are the others, in order.
    pub removed: Vec<usize>,
    /// The pointer channels among them, in order.
    pub pointers: Vec<PointerChannelJson>,
}

impl TakenChannels {
    /// For every channel of the file in order, its index in the file and either
    /// `Ok(typed index)` for a channel the typed model holds, or `Err(channel)` for a
    /// pointer channel; channels dropped here (with their warning) are left out.
    pub fn merge(&self, typed: usize) -> Vec<(usize, Result<usize, &PointerChannelJson>)> {
        let total = typed + self.removed.len();
        let mut removed = self.removed.iter().peekable();
        let mut pointers = self.pointers.iter().peekable();
        let mut next_typed = 0;
        let mut out = Vec::with_capacity(total);
        for index in 0..total {
            if removed.next_if(|r| **r == index).is_some() {
                if let Some(p) = pointers.next_if(|p| p.index == index) {
                    out.push((index, Err(p)));
                }
            } else {
                out.push((index, Ok(next_typed)));
                next_typed += 1;
            }
        }
        out
    }
}

/// Takes pointer channels and channels without a target node out of `doc`'s
/// animations. Returns, per animation of the document, what was taken, and whether
/// anything was.
pub(crate) fn take(doc: &mut Value, warnings: &mut Vec<Warning>) -> (Vec<TakenChannels>, bool) {
    let mut changed = false;
    let Some(animations) = doc.get_mut("animations").and_then(Value::as_array_mut) else {
        return (Vec::new(), false);
    };
    let mut out = Vec::with_capacity(animations.len());
    for (a, animation) in animations.iter_mut().enumerate() {
        let mut taken = TakenChannels::default();
        if let Some(channels) = animation.get_mut("channels").and_then(Value::as_array_mut) {
            let mut index = 0;
            channels.retain(|channel| {
                let keep = keep(channel, a, index, &mut taken, warnings);
                index += 1;
                keep
            });
        }
        changed |= !taken.removed.is_empty();
        out.push(taken);
    }
    (out, changed)
}

/// Whether channel `index` of animation `a` stays; when it does not, it is noted in
/// `taken`.
fn keep(
    channel: &Value,
    a: usize,
    index: usize,
    taken: &mut TakenChannels,
    warnings: &mut Vec<Warning>,
) -> bool {
    let Some(target) = channel.get("target") else {
        // The typed model reports the missing target.
        return true;
    };
    if target.get("path").and_then(Value::as_str) == Some("pointer") {
        taken.removed.push(index);
        taken.pointers.push(PointerChannelJson {
            index,
            sampler: channel.get("sampler").and_then(Value::as_u64),
            pointer: target
                .pointer(&format!("/extensions/{EXTENSION}/pointer"))
                .and_then(Value::as_str)
                .map(str::to_owned),
        });
        return false;
    }
    if target.get("node").is_some() {
        return true;
    }
    taken.removed.push(index);
    warnings.push(Warning {
        pointer: format!("/animations/{a}/channels/{index}"),
        message: "channel has no target node (it animates through an extension); dropped".into(),
    });
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointer_and_nodeless_channels_are_taken_and_merged_back_in_file_order() {
        let mut doc = json!({ "animations": [
            { "channels": [
                { "sampler": 0, "target": { "node": 0, "path": "rotation" } },
                { "sampler": 1, "target": { "path": "pointer",
                    "extensions": { "KHR_animation_pointer": { "pointer": "/nodes/0/scale" } } } },
                { "sampler": 2, "target": { "path": "translation" } },
                { "sampler": 3, "target": { "node": 1, "path": "pointer" } },
                { "sampler": 4, "target": { "node": 0, "path": "weights" } }
            ] },
            { "channels": [] }
        ] });
        let mut warnings = Vec::new();
        let (taken, changed) = take(&mut doc, &mut warnings);
        assert!(changed);
        assert_eq!(taken.len(), 2);
        assert_eq!(taken[0].removed, [1, 2, 3]);
        assert_eq!(
            taken[0].pointers,
            [
                PointerChannelJson {
                    index: 1,
                    sampler: Some(1),
                    pointer: Some("/nodes/0/scale".into())
                },
                PointerChannelJson {
                    index: 3,
                    sampler: Some(3),
                    pointer: None
                },
            ]
        );
        assert_eq!(doc["animations"][0]["channels"].as_array().unwrap().len(), 2);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "/animations/0/channels/2");
        let merged = taken[0].merge(2);
        assert_eq!(merged.len(), 4);
        assert_eq!(merged[0], (0, Ok(0)));
        assert!(matches!(merged[1], (1, Err(p)) if p.index == 1));
        assert!(matches!(merged[2], (3, Err(p)) if p.index == 3));
        assert_eq!(merged[3], (4, Ok(1)));
        assert_eq!(taken[1], TakenChannels::default());
        assert_eq!(
            TakenChannels::default().merge(3),
            vec![(0, Ok(0)), (1, Ok(1)), (2, Ok(2))]
        );
    }
}
