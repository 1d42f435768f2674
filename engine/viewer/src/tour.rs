//! Tour mode: the camera glides along a venue's guided tour, showing its captions.

use super::ui_text::UiText;
use museion_renderer::ViewCamera;
use museion_venue::Tour;
use museion_venue::{TourError, TourPath, TourSample, VIEW_ZNEAR};

/// A tour being played.
pub struct TourPlayer {
    path: TourPath,
    /// Which of the venue's tours.
    pub index: usize,
    /// Seconds since the tour started.
    pub time: f32,
}

impl TourPlayer {
    /// Starts tour `index` of `tours` from its beginning.
    pub fn start(tours: &[Tour], index: usize) -> Result<Option<Self>, TourError> {
        let Some(tour) = tours.get(index) else {
            return Ok(None);
        };
        Ok(Some(Self {
            path: TourPath::new(tour)?,
            index,
            time: 0.0,
        }))
    }

    /// Moves `dt` seconds on; false once the tour is over.
    pub fn advance(&mut self, dt: f32) -> bool {
        self.time += dt.max(0.0);
        self.time <= self.path.duration()
    }

    /// Where the camera is now.
    pub fn sample(&self) -> TourSample {
        self.path.sample(self.time)
    }

    /// What the caption band shows now: where the tour is ("Highlights · stop 3 of 10",
    /// in the viewer's words) and, while dwelling, the stop's caption in `language`.
    pub fn text(&self, tours: &[Tour], language: &str, words: &UiText) -> (String, Option<String>) {
        let sample = self.sample();
        let Some(tour) = tours.get(self.index) else {
            return (String::new(), None);
        };
        let name = tour.name.as_deref().unwrap_or(&tour.id);
        let progress = words.fill(
            "tour.progress",
            &[
                ("tour", name),
                ("stop", &(sample.stop + 1).to_string()),
                ("stops", &tour.stops.len().to_string()),
            ],
        );
        let caption = tour
            .stops
            .get(sample.stop)
            .filter(|_| sample.dwelling)
            .and_then(|stop| stop.caption_in(language))
            .map(str::to_owned);
        (progress, caption)
    }

    /// The camera now.
    pub fn camera(&self, yfov: f32) -> ViewCamera {
        let sample = self.sample();
        ViewCamera::look_at(sample.eye, sample.target, yfov, VIEW_ZNEAR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::glam::Vec3;
    use museion_venue::TourStop;

    fn stop(eye: Vec3, dwell: f32, caption: &str) -> TourStop {
        TourStop {
            exhibit: None,
            eye,
            target: eye - Vec3::Z,
            dwell,
            caption: Some(caption.into()),
            caption_translations: Default::default(),
        }
    }

    #[test]
    fn a_tour_plays_from_its_first_stop_to_its_end() {
        let tours = [Tour {
            id: "t".into(),
            name: None,
            stops: vec![
                stop(Vec3::new(0.0, 1.6, 0.0), 1.0, "first"),
                stop(Vec3::new(4.0, 1.6, 0.0), 1.0, "second"),
            ],
        }];
        let mut player = TourPlayer::start(&tours, 0)
            .expect("a valid tour")
            .expect("tour 0 exists");
        assert_eq!(player.sample().caption.as_deref(), Some("first"));
        assert!(
            player
                .camera(1.0)
                .position()
                .abs_diff_eq(Vec3::new(0.0, 1.6, 0.0), 1e-4)
        );
        let mut steps = 0;
        while player.advance(0.1) {
            steps += 1;
            assert!(steps < 10_000, "the tour never ends");
        }
        assert_eq!(player.sample().caption.as_deref(), Some("second"));
        assert!(player.sample().eye.abs_diff_eq(Vec3::new(4.0, 1.6, 0.0), 1e-3));
        assert!(TourPlayer::start(&tours, 1).expect("no error").is_none());
    }
}
