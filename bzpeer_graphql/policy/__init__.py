"""Request policy: who the viewer is, what one operation may ask for, how often, which documents."""
