console.log("synth ok")
