"""This paper's figures: one module each, listed in config/figures.yaml.

Each module gives `figure_data(numbers)`, the values it plots from its group of computed
numbers, and `draw(data, strings, lang)`, the figure in one language; the engine's figure
job (datapaper/jobs/figure.py) runs them for every language.
"""
