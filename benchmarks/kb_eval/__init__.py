"""A labelled retrieval set over the Python language reference shipped with CPython.

Corpus: ``pydoc_data.topics.topics`` (the ~80 "help topics" of the Python reference, about
465,000 characters of public documentation installed with every Python). Each question is
paraphrased by hand and labelled with a *support phrase*: a short exact excerpt of the
passage that answers it. A retrieved chunk is relevant when it contains the support phrase
(whitespace-normalised), wherever it appears, since some topics repeat others' text.

``python -m benchmarks kb`` reports recall@5 and MRR over these questions.
"""

from __future__ import annotations

# (question, support phrase)
QUESTIONS: list[tuple[str, str]] = [
    ("Does Python generate code for assert statements when optimization is on?",
     "emits no code for an assert statement when optimization is requested"),
    ("Can break appear inside a function defined within a loop?",
     "but not nested in a function or class definition within that loop"),
    ("What does continue do?", "continues with the next cycle of the nearest enclosing loop"),
    ("What happens when you delete a variable name with del?",
     "Deletion of a name removes the binding of that name"),
    ("For how much of the code does a global declaration hold?",
     "declaration which holds for the entire current code block"),
    ("How does nonlocal make identifiers refer to variables of an enclosing function?",
     "refer to previously bound variables in the nearest enclosing scope"),
    ("What does pass do when it is executed?", "is a null operation"),
    ("How do I chain one exception to another with raise?",
     "clause is used for exception chaining"),
    ("How do I suppress exception chaining?",
     "Exception chaining can be explicitly suppressed"),
    ("What does return mean inside a generator?",
     "statement indicates that the\ngenerator is done and will cause \"StopIteration\""),
    ("When does the else clause of a while loop run?",
     "if the expression is false (which may be the first time\nit is tested) the suite of"),
    ("Which loops can be terminated early without running the else suite?",
     "statement executed in the first suite terminates the loop\nwithout executing"),
    ("What objects can a for statement iterate over?",
     "iterate over the elements of a sequence"),
    ("When are default argument values of a function evaluated?",
     "Default parameter values are evaluated from left to right"),
    ("Why can a lambda not contain statements?",
     "cannot contain\nstatements or annotations"),
    ("Where can yield expressions be used?",
     "Yield expressions and statements are only used when defining a\n*generator* function"),
    ("How do relative imports with leading dots work?",
     "it is possible to make a relative import within\nthe same top package"),
    ("How are chained comparisons like x < y <= z evaluated?",
     "is\nequivalent to \"x < y and y <= z\""),
    ("What value does the expression x or y return?",
     "The expression \"x or y\" first evaluates *x*; if *x* is true"),
    ("Which built-in objects are considered false?",
     "most of the built-in objects considered false"),
    ("How is a hexadecimal integer literal written?", "hexinteger   ::= \"0\" (\"x\" | \"X\")"),
    ("How do I write a complex number with a nonzero real part?",
     "To create a complex\nnumber with a nonzero real part"),
    ("What is a raw string literal and how does it treat backslashes?",
     "such strings are called *raw strings* and treat\nbackslashes as literal characters"),
    ("How do I zero-pad numbers in a format specification?",
     "enables sign-aware zero-padding for numeric\ntypes"),
    ("Does the power operator bind more tightly than unary minus?",
     "The power operator binds more tightly than unary operators on its\nleft"),
    ("What is the @ operator for?",
     "operator is intended to be used for matrix\nmultiplication"),
    ("What is a right shift by n bits equivalent to?",
     "A right shift by *n* bits is defined as floor division"),
    ("What does the bitwise inversion ~x compute?",
     "The bitwise inversion of \"x\" is defined as\n\"-(x+1)\""),
    ("What is a free variable?",
     "If a variable is used in a code\nblock but not defined there, it is a *free variable*"),
    ("When is __getattr__ called?",
     "Called when the default attribute access fails with an\n   \"AttributeError\""),
    ("What is the __mro__ attribute of a class?",
     "This attribute is a tuple of classes that are considered when\n   looking for base "
     "classes during method resolution"),
    ("How do I set a breakpoint at a line in the debugger?",
     "With a *lineno* argument, set a break there in the current file"),
    ("Where can async for and async with be used?",
     "can only be used in the body of a coroutine function"),
    ("What does augmented assignment do in place?",
     "the actual operation is performed *in-place*"),
    ("What is the None object?", "There is exactly one null\nobject, named \"None\""),
    ("What does the in operator test?", "The operators \"in\" and \"not in\" test for membership"),
    ("How does a dict get method handle missing keys?",
     "Return the value for *key* if *key* is in the dictionary, else\n      *default*"),
    ("What does str.lstrip remove?",
     "Return a copy of the string with leading characters removed"),
    ("Which method implements the built-in len function?",
     "Called to implement the built-in function \"len()\""),
    ("What is __repr__ supposed to return?",
     "Called by the \"repr()\" built-in function to compute the “official”\n   string "
     "representation"),
    ("Which special attribute holds a module's symbol table?",
     "This is the\ndictionary containing the module’s symbol table"),
    ("What is the Ellipsis object used for?",
     "This object is commonly used by slicing"),
    ("Do eval and exec have access to the full environment for resolving names?",
     "functions do not have access to the full\nenvironment for resolving names"),
    ("What three things does every object have?",
     "Every object has an identity, a type and a value"),
    ("What operation can be performed on a function object?",
     "The only\noperation on a function object is to call it"),
    ("What does the & operator yield?", "operator yields the bitwise AND of its"),
    ("What does repeating a sequence with s * n do?",
     "equivalent to adding *s* to      |"),
    ("Which names are not imported by from module import *?",
     "Not imported by \"from module import *\""),
    ("Which methods of a context manager does the with statement load?",
     "The context manager’s \"__exit__()\" is loaded for later use"),
    ("How does an if statement choose which suite to run?",
     "It selects exactly one of the suites by evaluating the expressions one\nby one"),
    ("What does await do?",
     "Suspend the execution of *coroutine* on an *awaitable* object"),
    ("How are numeric arguments converted to a common type?",
     "If either argument is a complex number, the oth"),
    ("When is the __radd__ reflected method called?",
     "object.__radd__(self, other)"),
    ("What is a code block in the execution model?",
     "A *block* is a piece\nof Python program text that is executed as a unit"),
    ("What is a list display?",
     "A list display is a possibly empty series of expressions enclosed in\nsquare brackets"),
    ("How does the subscription of a generic class behave?",
     "The subscription of a *generic\nclass* will generally retur"),
    ("What does a dictionary display contain?",
     "A dictionary display is a possibly empty series of dict items"),
    ("What is printed when an exception is not handled?",
     "it prints a stack traceback, except when the exception is\n\"SystemExit\""),
    ("Which operator has the highest precedence in Python?",
     "summarizes the operator precedence in Python"),
    ("How is a floating point literal with an exponent defined?",
     "exponentfloat ::= (digitpart | pointfloat) exponent"),
    ("Can a trailing comma follow the arguments of a call?",
     "An optional trailing comma may be present after the positional and\nkeyword arguments"),
    ("What does the with statement bind to the target in the as clause?",
     "statement will bind this method’s return value to the target(s)"),
]


def normalise(text: str) -> str:
    return " ".join(text.split())


def corpus() -> dict[str, str]:
    """The Python reference topics, ``{topic: text}``."""
    from pydoc_data.topics import topics

    return dict(topics)


def labelled() -> list[tuple[str, str]]:
    """The questions whose support phrase exists in this Python's corpus (all, normally)."""
    texts = [normalise(t) for t in corpus().values()]
    return [(q, normalise(p)) for q, p in QUESTIONS if any(normalise(p) in t for t in texts)]


__all__ = ["QUESTIONS", "corpus", "labelled", "normalise"]
