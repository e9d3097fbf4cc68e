"""The quantity stage: amounts of money, people, goods and percentages."""
