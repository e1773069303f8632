-- attack: the script returns a number, not a report
-- limits: --cpu-limit 60000 --wall-limit 600000
-- exit: 2
-- expect: the script returned a number, not collab.report{...}
return 42
