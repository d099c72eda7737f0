from bot import logmask

logmask.install()  # before the console's modules log anything (bot.logmask)

from bot.console.app import main  # noqa: E402 - after the log mask

main()
