"""Conversation starters for coffee intros, by the kind of group they suit."""

from __future__ import annotations

# An intern meeting one or more colleagues or mentors.
MENTORING: tuple[str, ...] = (
    "What did your path into this role look like, and was any of it planned?",
    "What are you working on right now that you're excited about, and what makes it tricky?",
    "What do you wish someone had told you in your first few months here?",
    "How does work actually flow between your team and the others around it?",
    "What's a piece of advice you got early in your career that turned out to be right?",
    "What's a skill that's mattered more in your job than you expected?",
    "When you're stuck on something, who do you go to, and how do you ask?",
    "What does a good week look like for you, and what does a hard one look like?",
    "If you were an intern here again, what would you make sure to try?",
    "What's one thing you learned the hard way that an intern could learn the easy way?",
)

# Interns meeting each other.
PEER: tuple[str, ...] = (
    "What's the most surprising thing you've learned since you started?",
    "What are you working on, and what's the part you're proudest of so far?",
    "Who's someone here you'd love to have a coffee with next, and why?",
    "What's one thing you want to have done or learned by the end of the internship?",
    "What's been your best trick for getting unstuck or finding answers here?",
)

# Colleagues and mentors meeting each other, with no intern in the group.
COLLEAGUE: tuple[str, ...] = (
    "What's your team working on this quarter that others might not know about?",
    "What's something you've changed your mind about at work in the last year?",
    "What's a tool, habit or ritual on your team that others could borrow?",
    "What did you want to be before you ended up doing this?",
    "What's a problem you'd love a fresh pair of eyes on?",
)

# About an interest two or more of them listed; {who} is "You both", "You all" or "Two of you".
SHARED_INTEREST: tuple[str, ...] = (
    "{who} listed {interest}: how did you each get into it?",
    "{who} listed {interest}. What's the best thing you've done, seen or made with it lately?",
    "{who} listed {interest}. Any recommendations for someone who wants to go further with it?",
)
