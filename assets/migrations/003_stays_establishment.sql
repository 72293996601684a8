-- Stays filtered by establishment, in either sort, read from the index.
CREATE INDEX stays_establishment_arrival ON stays (establishment_id, arrival, id);
CREATE INDEX stays_establishment_guest ON stays (establishment_id, guest_name, id);
