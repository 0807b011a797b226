"""The program as rules: pure Python, no Django import."""
