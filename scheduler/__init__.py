"""When things happen: deadline rules, sweeps that claim due work, and APScheduler wiring."""
