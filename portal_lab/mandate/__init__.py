"""The clause rules' test portal (issue 23): healthy and defective cases of each rule."""
