#!/usr/bin/env python
from bundel.cli import main

if __name__ == "__main__":
    main()
