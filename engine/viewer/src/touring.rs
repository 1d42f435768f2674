//! The guided tour started and ended from the viewer (T, Esc): the visitor's grab and
//! keys let go while it plays, and a walking visitor left standing where it ended.

use super::app::App;
use super::tour::TourPlayer;
use museion_venue::Spawn;

impl App {
    /// Starts the venue's first tour, or ends the one playing.
    pub(super) fn toggle_tour(&mut self) {
        if self.tour.is_some() {
            self.end_tour();
            return;
        }
        match TourPlayer::start(&self.session.venue.tours, 0) {
            Ok(Some(player)) => {
                log::info!("viewer: tour \"{}\" started", self.session.venue.tours[0].id);
                self.set_grab(false);
                self.walk.release_all();
                // The caption takes the visitor's eye; a label left open would cover it.
                self.selected = None;
                self.tour = Some(player);
            }
            Ok(None) => self.notice = Some(self.words.get("notice.no_tour").to_string()),
            Err(e) => {
                self.notice = Some(
                    self.words
                        .fill("notice.tour_failed", &[("error", &e.to_string())]),
                )
            }
        }
    }

    /// Ends the tour; a walking visitor is left standing where the tour was.
    pub(super) fn end_tour(&mut self) {
        let Some(player) = self.tour.take() else {
            return;
        };
        let sample = player.sample();
        if let Some(physics) = &mut self.session.physics {
            let eye_height = self.session.venue.visitor.eye_height;
            let direction = sample.target - sample.eye;
            let yaw = Spawn::yaw_toward(direction);
            let feet = sample.eye - museion_scene::glam::Vec3::Y * eye_height;
            let length = direction.length();
            if length > 0.0 {
                self.walk.pitch = (direction.y / length).clamp(-1.0, 1.0).asin();
            }
            if let Err(e) = physics.set_visitor_pose(feet, yaw) {
                log::warn!("viewer: cannot place the visitor where the tour ended: {e}");
            }
        }
    }
}
