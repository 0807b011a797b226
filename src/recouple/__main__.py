from recouple.cli import main

main()
