"""Step 3 handed in empty: only this comment, no code (the student saved the wrong file).
canaduck-expect: step=3 starts=no
"""
