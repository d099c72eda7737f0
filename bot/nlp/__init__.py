"""The spaCy pipeline that Rasa's SpacyNLP loads (built in code: no model is downloaded)."""
