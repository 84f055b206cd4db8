"""The console channel: chat with pledgebot in a terminal or through a pipe."""
