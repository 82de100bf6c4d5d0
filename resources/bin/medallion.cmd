@echo off
rem The `medallion` command of the installed Medallion: the app's own binary run as the CLI, with no window.
rem Add this folder to PATH to type `medallion` anywhere. It uses the app's data folder unless --data-dir
rem or MEDALLION_DATA_DIR name another.
"%~dp0..\..\Medallion.exe" --cli %*
exit /b %ERRORLEVEL%
