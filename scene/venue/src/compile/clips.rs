//! Clips named in the venue: an animation of a model, found by name among those its
//! placement copied into the scene.

use super::{Compiler, name_list_hint};
use crate::document::Spanned;
use crate::error::VenueError;
use std::ops::Range;

impl Compiler<'_> {
    /// The index in the scene of the animation called `name` among `placed` (the
    /// animations a placement of the model `model` added); an error at the name,
    /// listing the model's clips, when it has none of that name. `owner` says whose
    /// model it is in the message (`model "kinetic"`, `the guide's model`).
    pub fn clip(
        &self,
        placed: Range<usize>,
        name: &Spanned<String>,
        model: &Spanned<String>,
        owner: &str,
    ) -> Result<usize, VenueError> {
        let animations = &self.ctx.scene.animations;
        let found = placed
            .clone()
            .find(|&i| animations[i].name.as_deref() == Some(name.get_ref().as_str()));
        if let Some(index) = found {
            return Ok(index);
        }
        let names: Vec<String> = placed.filter_map(|i| animations[i].name.clone()).collect();
        let hint = if names.is_empty() {
            format!(
                "\"{}\" has no named animations; export the model with its clips, or remove the key",
                model.get_ref()
            )
        } else {
            name_list_hint("its animations", name.get_ref(), &names)
        };
        Err(self.ctx.source().reference(
            name.span(),
            format!(
                "{owner} (\"{}\") has no animation \"{}\"",
                model.get_ref(),
                name.get_ref()
            ),
            hint,
        ))
    }
}
