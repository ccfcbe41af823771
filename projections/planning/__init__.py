"""Read model of a cluster's plan: sessions, their moves, attendance, and members' unavailability."""
