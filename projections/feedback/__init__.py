"""Read model of feedback shared about sessions."""
