//! Named places on the panels: the rectangles of the widgets a script may click by name
//! (`ui-click label.title`), as the last frame laid them out.
//!
//! A script is written before the viewer runs, and where a field lands depends on the
//! window's size, the fonts and what else the panel shows; a test that clicked fixed
//! pixels would break whenever the layout changed. So the panels note where their named
//! widgets are each frame, a script's `ui-click NAME` clicks the middle of one, and the
//! places are logged (level debug, in window pixels) when they appear or move, for
//! writing scripts that click pixels.
//!
//! The places live in egui's temporary data, so that every panel can note its own
//! without being handed anything.

/// The places noted in this pass and in the one before it (in points).
#[derive(Clone, Debug, Default)]
struct Places {
    now: Vec<(String, egui::Rect)>,
    before: Vec<(String, egui::Rect)>,
}

/// Where egui keeps the places.
fn places_id() -> egui::Id {
    egui::Id::unique("museion-panel-places")
}

/// Starts a pass: the places noted so far become the last pass's.
pub(super) fn begin_pass(ctx: &egui::Context) {
    ctx.data_mut(|data| {
        let places = data.get_temp_mut_or_default::<Places>(places_id());
        places.before = std::mem::take(&mut places.now);
    });
}

/// Notes that the widget named `name` is at `rect` (points) in this pass.
pub(super) fn note(ctx: &egui::Context, name: &str, rect: egui::Rect) {
    let moved = ctx.data_mut(|data| {
        let places = data.get_temp_mut_or_default::<Places>(places_id());
        places.now.push((name.to_owned(), rect));
        !places.before.contains(&(name.to_owned(), rect))
    });
    if moved {
        let pixels = rect * ctx.pixels_per_point();
        log::debug!(
            "viewer: panel place {name} at ({:.0}, {:.0}) to ({:.0}, {:.0}) pixels",
            pixels.min.x,
            pixels.min.y,
            pixels.max.x,
            pixels.max.y
        );
    }
}

/// Where the widget named `name` was in the last pass (points); `None` when it was not
/// shown.
pub(super) fn find(ctx: &egui::Context, name: &str) -> Option<egui::Rect> {
    ctx.data(|data| {
        data.get_temp::<Places>(places_id())?
            .now
            .iter()
            .find(|(noted, _)| noted == name)
            .map(|(_, rect)| *rect)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs one egui pass in which the `noted` places are noted.
    fn pass(ctx: &egui::Context, noted: &[(&str, egui::Rect)]) {
        let mut output = ctx.run_pass(egui::RawInput::default(), |ctx| {
            begin_pass(ctx);
            for (name, rect) in noted {
                note(ctx, name, *rect);
            }
        });
        // Nothing is painted: the font atlas need not be uploaded.
        output.textures_delta.clear();
    }

    #[test]
    fn a_place_is_found_as_the_last_pass_left_it_and_forgotten_when_not_shown() {
        let ctx = egui::Context::default();
        let title = egui::Rect::from_min_size(egui::pos2(300.0, 200.0), egui::vec2(220.0, 18.0));
        assert_eq!(find(&ctx, "label.title"), None);
        pass(&ctx, &[("label", egui::Rect::ZERO), ("label.title", title)]);
        assert_eq!(find(&ctx, "label.title"), Some(title));
        let moved = title.translate(egui::vec2(0.0, 40.0));
        pass(&ctx, &[("label.title", moved)]);
        assert_eq!(find(&ctx, "label.title"), Some(moved));
        assert_eq!(find(&ctx, "label"), None, "not shown in the last pass");
        pass(&ctx, &[]);
        assert_eq!(find(&ctx, "label.title"), None);
    }
}
