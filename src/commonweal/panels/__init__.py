"""Citizens' panels chosen by fair lottery. The selection engine, ``sortition/``, is plain Python."""
